/**
 * The reference priors of the stream-prior adjustment (prior-shift.ts): what the EM estimator answers on balanced
 * tweets the default model has not seen, per language, from k-fold cross-validation on the UMSAB train splits
 * (val is not read). The estimator is biased where the model's calibration is (it finds ~40 % neutral in a
 * balanced set); dividing by its answer on the training mix makes the adjustment a no-op on balanced streams.
 *   npx tsx processors/enrich/sentiment/scripts/reference-priors.ts [umsabDir] [--folds 5] [--write]
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadUmsab, umsabLanguageOf } from '../datasets.ts';
import { DEFAULT_TRAIN_OPTIONS, loadDefaultSentimentModel } from '../default-model.ts';
import { DEFAULT_FEATURE_CONFIG, extractFeatures } from '../features.ts';
import { estimatePriors, REFERENCE_PRIORS_PATH } from '../prior-shift.ts';
import { mulberry32, probabilitiesFromFeatures, trainOnFeatures } from '../trained-model.ts';
import type { LabelledText } from '../types.ts';
import { args, dataDir, opt } from './args.ts';

const dir = dataDir('../shared/data/sentiment/umsab');
const folds = Number(opt('--folds') ?? 5);
const items: LabelledText[] = readdirSync(dir)
  .sort()
  .filter((d) => umsabLanguageOf(d))
  .flatMap((d) => loadUmsab(join(dir, d), 'train'));
const cfg = { ...DEFAULT_FEATURE_CONFIG, ...DEFAULT_TRAIN_OPTIONS.features };
const X = items.map((x) => extractFeatures(x.text, x.lang, cfg));
const rand = mulberry32(7);
const fold = items.map(() => Math.floor(rand() * folds));
const sums = new Map<string, { n: number; p: number[] }>();
const posteriors = new Map<string, number[][]>();
for (let f = 0; f < folds; f++) {
  const trainIdx = items.flatMap((_, i) => (fold[i] !== f ? [i] : []));
  const model = trainOnFeatures(
    trainIdx.map((i) => X[i]!),
    trainIdx.map((i) => items[i]!),
    DEFAULT_TRAIN_OPTIONS,
  );
  items.forEach((x, i) => {
    if (fold[i] !== f) return;
    const p = probabilitiesFromFeatures(model, X[i]!);
    for (const key of [x.lang ?? 'und', '*']) {
      const list = posteriors.get(key) ?? [];
      list.push([...p]);
      posteriors.set(key, list);
      const s = sums.get(key) ?? { n: 0, p: [0, 0, 0] };
      s.n++;
      for (let k = 0; k < 3; k++) s.p[k]! += p[k]!;
      sums.set(key, s);
    }
  });
  console.log(`fold ${f + 1}/${folds} done`);
}
const round = (v: number) => Math.round(v * 10000) / 10000;
const meanPosterior = Object.fromEntries([...sums].map(([k, s]) => [k, s.p.map((v) => round(v / s.n))]));
const em = Object.fromEntries(
  [...posteriors].map(([k, list]) => [k, estimatePriors(list, [1 / 3, 1 / 3, 1 / 3]).map(round)]),
);
const out = {
  model: loadDefaultSentimentModel()?.model ?? 'none',
  method: `EM prior estimate [negative, neutral, positive] on out-of-fold posteriors of balanced tweets, ${folds}-fold CV on the UMSAB train splits`,
  priors: em,
  meanPosterior,
};
console.log(JSON.stringify(out, null, 2));
if (args.includes('--write')) {
  writeFileSync(REFERENCE_PRIORS_PATH, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`written: ${REFERENCE_PRIORS_PATH}`);
}
