/**
 * Scoring throughput (prints, does not assert): posts/s of the lexicon scorer
 * and the default trained model over the UMSAB val tweets and the review
 * files, after a warm-up pass.
 *
 *   npx tsx processors/enrich/sentiment/scripts/bench.ts [dataDir=/work/shared/data/sentiment] [--model file.json ...]
 *
 * `--model` adds model files to compare (run in the same process, interleaved, so load affects them alike);
 * `--lexicon-params '<json>'` adds a lexicon scorer with those parameters (e.g. earlier defaults) to compare.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadPatternCsv, loadUmsab, umsabLanguageOf } from '../datasets.ts';
import { loadDefaultSentimentModel } from '../default-model.ts';
import { createLexiconScorer, type LexiconParams } from '../lexicon-model.ts';
import { loadSentimentModel } from '../trained-model.ts';
import type { LabelledText, SentimentScorer } from '../types.ts';

const args = process.argv.slice(2);
const dataDir = args[0] && !args[0].startsWith('--') ? args[0] : '/work/shared/data/sentiment';
const extra = args.flatMap((a, i) => (a === '--model' && args[i + 1] ? [args[i + 1] as string] : []));
const lexiconParams = args.flatMap((a, i) =>
  a === '--lexicon-params' && args[i + 1]
    ? [JSON.parse(args[i + 1] as string) as Partial<LexiconParams>]
    : [],
);
if (!existsSync(dataDir)) {
  console.log(`skip: ${dataDir} not found`);
  process.exit(0);
}
const tweets: LabelledText[] = readdirSync(join(dataDir, 'umsab'))
  .filter((d) => umsabLanguageOf(d))
  .flatMap((d) => loadUmsab(join(dataDir, 'umsab', d), 'val'));
const reviews: LabelledText[] = readdirSync(join(dataDir, 'reviews'))
  .filter((f) => f.endsWith('.csv'))
  .flatMap((f) => loadPatternCsv(join(dataDir, 'reviews', f)));

function rate(scorer: SentimentScorer, items: readonly LabelledText[], rounds = 3): number {
  for (const x of items) scorer.score(x.text, { lang: x.lang ?? null }); // warm-up (lexicon loading, JIT)
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const x of items) scorer.score(x.text, { lang: x.lang ?? null });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return (rounds * items.length) / s;
}

const scorers: { name: string; sc: SentimentScorer }[] = [{ name: 'lexicon', sc: createLexiconScorer() }];
for (const params of lexiconParams)
  scorers.push({ name: `lexicon ${JSON.stringify(params)}`, sc: createLexiconScorer({ params }) });
const trained = loadDefaultSentimentModel();
if (trained) scorers.push({ name: `${trained.model} (default)`, sc: trained });
for (const path of extra) {
  const sc = loadSentimentModel(path);
  scorers.push({ name: `${sc.model} (${path})`, sc });
}
for (const { name, sc } of scorers) {
  console.log(
    `${name} tweets ${Math.round(rate(sc, tweets))} posts/s  reviews ${Math.round(rate(sc, reviews, 1))} posts/s`,
  );
}
