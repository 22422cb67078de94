/**
 * Neutral-band calibration for the lexicon model.
 *
 * Procedure (deterministic), UMSAB *train* splits only:
 * 1. negativeWeight (how much more negative words count, which sets where the
 *    score's zero lies): grid 1..3 step 0.25, maximising the mean over
 *    languages of sign-of-score accuracy on the negative+positive train tweets
 *    (ties → smaller weight);
 * 2. for each language, score every train tweet with the lexicon model
 *    (with that weight), then grid-search the band
 * [lo, hi] (candidates: 0 and the 0th..100th percentiles of the train scores)
 * that maximises macro-F1 of negative/neutral/positive on that split. Ties go
 * to the narrower band, then to the band closest to symmetric around 0.
 * Languages without train data use the per-edge median of the calibrated
 * languages ("default"). Validation splits are never read.
 *
 *   npx tsx processors/enrich/sentiment/calibrate.ts [umsabDir] [--out thresholds.json] [--policy permissive|all]
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadUmsab, umsabLanguageOf } from './datasets.ts';
import { writeJsonFile } from './scripts/write-json.ts';
import { evaluate } from './evaluate.ts';
import { analyseSentiment, labelForScore, LEXICON_MODEL_VERSION, type NeutralBand } from './lexicon-model.ts';
import type { LexiconPolicy } from './lexicons.ts';
import { SENTIMENT_LABELS, type LabelledText, type SentimentLabel } from './types.ts';

export interface CalibrationResult extends NeutralBand {
  macroF1: number;
  accuracy: number;
  n: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Chooses the neutral band that maximises macro-F1 (see file header). Pure and deterministic. */
export function calibrateNeutralBand(
  scores: readonly number[],
  gold: readonly SentimentLabel[],
  steps = 100,
): CalibrationResult {
  if (scores.length !== gold.length) throw new Error('calibrateNeutralBand: length mismatch');
  const sorted = [...scores].sort((a, b) => a - b);
  const cands = new Set<number>([0]);
  for (let k = 0; k <= steps; k++) cands.add(round6(quantile(sorted, k / steps)));
  const grid = [...cands].sort((a, b) => a - b);
  let best: CalibrationResult = { lo: 0, hi: 0, macroF1: -1, accuracy: 0, n: scores.length };
  for (let a = 0; a < grid.length; a++) {
    for (let b = a; b < grid.length; b++) {
      const band = { lo: grid[a] as number, hi: grid[b] as number };
      const m = evaluate(
        scores.map((s) => labelForScore(s, band)),
        gold,
        SENTIMENT_LABELS,
      );
      const f = round6(m.macroF1);
      const better =
        f > best.macroF1 ||
        (f === best.macroF1 &&
          (band.hi - band.lo < best.hi - best.lo ||
            (band.hi - band.lo === best.hi - best.lo &&
              Math.abs(band.lo + band.hi) < Math.abs(best.lo + best.hi))));
      if (better) best = { ...band, macroF1: f, accuracy: round6(m.accuracy), n: scores.length };
    }
  }
  return best;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export interface ThresholdsFile {
  model: string;
  policy: LexiconPolicy;
  params: { negativeWeight: number };
  negativeWeightSearch: Record<string, number>;
  procedure: string;
  source: string;
  languages: Record<string, CalibrationResult>;
  default: NeutralBand;
}

/** Runs the calibration over a UMSAB root (train splits only). */
/** Mean sign-of-score accuracy over languages on non-neutral items, for a negativeWeight. */
export function signAccuracy(
  sets: readonly { lang: string; items: readonly LabelledText[] }[],
  negativeWeight: number,
  policy: LexiconPolicy,
): number {
  let sum = 0;
  for (const { lang, items } of sets) {
    const polar = items.filter((x) => x.label !== 'neutral');
    let ok = 0;
    for (const x of polar) {
      const s = analyseSentiment(x.text, lang, { policy, params: { negativeWeight } }).score;
      if ((s < 0 ? 'negative' : 'positive') === x.label) ok++;
    }
    sum += polar.length ? ok / polar.length : 0;
  }
  return sets.length ? sum / sets.length : 0;
}

export function calibrateFromUmsab(dir: string, policy: LexiconPolicy = 'permissive'): ThresholdsFile {
  const sets: { lang: string; items: LabelledText[] }[] = [];
  for (const name of readdirSync(dir).sort()) {
    const lang = umsabLanguageOf(name);
    const folder = join(dir, name);
    if (!lang || !existsSync(join(folder, 'train_text.txt'))) continue;
    sets.push({ lang, items: loadUmsab(folder, 'train') });
  }
  const search: Record<string, number> = {};
  let negativeWeight = 1;
  let bestAcc = -1;
  for (let w = 1; w <= 3.0001; w += 0.25) {
    const acc = round6(signAccuracy(sets, w, policy));
    search[w.toFixed(2)] = acc;
    if (acc > bestAcc) {
      bestAcc = acc;
      negativeWeight = w;
    }
  }
  const languages: Record<string, CalibrationResult> = {};
  for (const { lang, items } of sets) {
    const scores = items.map(
      (x) => analyseSentiment(x.text, lang, { policy, params: { negativeWeight } }).score,
    );
    languages[lang] = calibrateNeutralBand(
      scores,
      items.map((x) => x.label),
    );
  }
  const vals = Object.values(languages);
  return {
    model: `lexicon-${LEXICON_MODEL_VERSION}`,
    policy,
    params: { negativeWeight },
    negativeWeightSearch: search,
    procedure:
      'per language: grid search of [lo,hi] over 0 and train-score percentiles maximising macro-F1 on UMSAB train; default = median edges',
    source: 'UMSAB train splits (cardiffnlp/xlm-t data/sentiment/<language>/train_*.txt)',
    languages,
    default: vals.length
      ? { lo: round6(median(vals.map((v) => v.lo))), hi: round6(median(vals.map((v) => v.hi))) }
      : { lo: -0.1, hi: 0.1 },
  };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = args[0] && !args[0].startsWith('--') ? args[0] : '/work/shared/data/sentiment/umsab';
  const policy = (opt('--policy') ?? 'permissive') as LexiconPolicy;
  const out = opt('--out') ?? fileURLToPath(new URL('./thresholds.json', import.meta.url));
  if (!existsSync(dir)) {
    console.log(`skip: ${dir} not found`);
  } else {
    const res = calibrateFromUmsab(dir, policy);
    await writeJsonFile(out, `${JSON.stringify(res, null, 2)}\n`);
    for (const [l, r] of Object.entries(res.languages)) {
      console.log(
        `${l}: band [${r.lo}, ${r.hi}] train macro-F1 ${(100 * r.macroF1).toFixed(1)}% acc ${(100 * r.accuracy).toFixed(1)}%`,
      );
    }
    console.log(
      `negativeWeight ${res.params.negativeWeight} (search ${JSON.stringify(res.negativeWeightSearch)})`,
    );
    console.log(`default: [${res.default.lo}, ${res.default.hi}] → ${out}`);
  }
}
