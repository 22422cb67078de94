import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulatorBrandConfigs } from '../../../platforms/simulator/brands.ts';
import { createSimulator } from '../../../platforms/simulator/generator.ts';
import { LateralConfig } from '../../../schema/config.ts';
import { Post } from '../../../schema/post.ts';
import { normalizeSimulator } from '../../../platforms/simulator/normalize.ts';
import { detectAdvocacy, detectEmotions } from '../emotion/index.ts';
import { loadLanguageDetector } from '../language/index.ts';
import { loadPatternCsv, loadUmsab, UMSAB_LANGUAGES } from '../sentiment/datasets.ts';
import { analyzerFromConfig, sentimentScorers } from './analyzer-from-config.ts';

/**
 * Same answers, less work: the analysis of a fixed simulator stream and of the labelled dev corpora is pinned
 * by one short fingerprint per item (golden.json). A speed-up must leave every fingerprint unchanged; a
 * deliberate model change regenerates the file (`LATERAL_UPDATE_GOLDEN=1 npx vitest run golden`) and states
 * its before/after accuracy where it is committed. Numbers are compared to 9 significant digits so that a
 * reordered floating-point sum is not a change; labels, languages and terms are compared exactly.
 */

const GOLDEN = fileURLToPath(new URL('./golden.json', import.meta.url));
const DATA = fileURLToPath(new URL('../../../../shared/data/sentiment', import.meta.url));
const UPDATE = process.env.LATERAL_UPDATE_GOLDEN === '1';
const SIM_SEED = 'golden-analysis';
const SIM_ITEMS = 4000;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Keys sorted, numbers to 9 significant digits, undefined dropped: the form the fingerprint hashes. */
function canonical(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? Number(value.toPrecision(9)) : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(canonical);
  const out: { [k: string]: Json } = {};
  for (const k of Object.keys(value as object).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = canonical(v);
  }
  return out;
}

const fingerprint = (value: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex')
    .slice(0, 10);

interface Item {
  id: string;
  text: string;
  output: unknown;
}

async function simulatorItems(): Promise<Item[]> {
  const config = LateralConfig.parse({ brands: simulatorBrandConfigs() });
  const analyzer = await analyzerFromConfig(config);
  const envelope = {
    source: 'simulator',
    sourceId: 'golden',
    fetchedAt: '2026-01-01T00:00:00.000Z',
    payload: null,
  };
  const items: Item[] = [];
  for (const item of createSimulator({ seed: SIM_SEED, count: SIM_ITEMS }).items(0)) {
    const out = normalizeSimulator(item.payload, envelope);
    if ('error' in out) continue;
    for (const raw of out.posts) {
      const post = Post.parse(raw);
      const strip = (records: { post: unknown }[]) => records.map(({ post: _p, ...rest }) => rest);
      items.push({
        id: post.postId,
        text: post.text,
        output: {
          match: analyzer.match(post),
          analyze: strip(analyzer.analyze(post)),
          thread: strip(analyzer.threadCandidates(post)),
        },
      });
    }
  }
  return items;
}

/** Language, sentiment (post or review scorer), emotion and advocacy of every line of the dev corpora. */
async function corpusItems(): Promise<Record<string, Item[]>> {
  const config = LateralConfig.parse({ brands: [] });
  const detector = await loadLanguageDetector({ languages: config.enrich.languages });
  const { sentiment, reviewSentiment } = sentimentScorers(config.enrich.sentimentModel);
  const analyse = (text: string, review: boolean) => {
    const language = detector.detect(text, { sourceLang: null });
    const scorer = review ? reviewSentiment : sentiment;
    return {
      language,
      sentiment: scorer.score(text, { lang: language.lang }),
      emotion: detectEmotions(text, language.lang),
      advocacy: detectAdvocacy(text, language.lang) ?? null,
    };
  };
  const corpora: Record<string, Item[]> = {};
  for (const dir of Object.keys(UMSAB_LANGUAGES).sort()) {
    const path = join(DATA, 'umsab', dir);
    if (!existsSync(path)) continue;
    for (const split of ['train', 'val']) {
      corpora[`umsab/${dir}/${split}`] = loadUmsab(path, split).map((x, i) => ({
        id: String(i),
        text: x.text,
        output: analyse(x.text, false),
      }));
    }
  }
  for (const file of ['de-amazon.dev.csv', 'fr-amazon.dev.csv', 'nl-bol.com.dev.csv']) {
    const path = join(DATA, 'reviews', file);
    if (!existsSync(path)) continue;
    corpora[`reviews/${file}`] = loadPatternCsv(path).map((x, i) => ({
      id: String(i),
      text: x.text,
      output: analyse(x.text, true),
    }));
  }
  return corpora;
}

type Golden = Record<string, string[]>;
const golden: Golden = existsSync(GOLDEN) ? (JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden) : {};
const written: Golden = { ...golden };

function check(name: string, items: Item[]): void {
  const prints = items.map((x) => fingerprint(x.output));
  if (UPDATE) {
    written[name] = prints;
    writeFileSync(GOLDEN, `${JSON.stringify(written, null, 0).replace(/\],"/g, '],\n"')}\n`);
    return;
  }
  const want = golden[name];
  expect(
    want,
    `${name}: no fingerprints in golden.json (LATERAL_UPDATE_GOLDEN=1 creates them)`,
  ).toBeDefined();
  const differing = items.filter((x, i) => prints[i] !== want![i]);
  const report = differing
    .slice(0, 3)
    .map(
      (x) =>
        `  ${x.id}: ${JSON.stringify(x.text.slice(0, 120))}\n    now ${JSON.stringify(canonical(x.output))}`,
    )
    .join('\n');
  expect(
    { items: items.length, differing: differing.length },
    `${name}: the analysis changed for ${differing.length} of ${items.length} items\n${report}`,
  ).toEqual({ items: want!.length, differing: 0 });
}

describe('analysis output is pinned (golden.json)', () => {
  it(`simulator seed ${SIM_SEED}, ${SIM_ITEMS} items: match, analyze and thread candidates`, async () => {
    check('simulator', await simulatorItems());
  }, 120_000);

  const present = existsSync(join(DATA, 'umsab')) || existsSync(join(DATA, 'reviews'));
  it.skipIf(!present)(
    'dev corpora (../shared/data/sentiment): language, sentiment, emotion, advocacy',
    async () => {
      const corpora = await corpusItems();
      expect(Object.keys(corpora).length).toBeGreaterThan(0);
      for (const [name, items] of Object.entries(corpora)) check(name, items);
    },
    300_000,
  );
  if (!present)
    console.warn('golden analysis: ../shared/data/sentiment is absent, the dev corpora part is skipped');
});
