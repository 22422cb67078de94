/**
 * Cross-validated comparison of training settings for the trained model
 * (prints only). Each text's features are extracted once per feature config.
 *
 * Reviews (Pattern dev halves; what `lateral sentiment train` on review files gives):
 *   npx tsx processors/enrich/sentiment/scripts/crossval.ts reviews \
 *     [--folds 10] [--seeds 3] [--pool own|reviews|reviews+tweets] [--nested] \
 *     ['[{"name":"base"},{"name":"reviews","preset":"reviews"},{"l2":1e-5}]']
 *   Stratified k-fold per review file, repeated for several split seeds; every
 *   review is predicted by a model that did not see it (trained on the other
 *   folds of its own file, or of all three files, optionally plus the UMSAB
 *   train splits). Accuracy per file: mean ± sd over split seeds.
 *   --nested: the first grid entries are candidates; in every outer fold the
 *   candidate is chosen by an inner 3-fold CV on the outer training part only,
 *   so the reported accuracy includes the selection.
 *
 * Tweets (UMSAB): selection by k-fold CV on the train splits only
 * (model-selection.ts). Every grid entry gets its per-language CV accuracy
 * (one model for all languages per fold; mean over --seeds split seeds); the
 * entry with the best mean CV accuracy is chosen (entries within --tolerance
 * points of the best tie, the first listed wins). The val splits are not
 * read while choosing; `--final` then trains the chosen entry on all train
 * splits and prints its val accuracy, once. `--record file` writes the
 * candidates, their CV figures, the choice (and the val figure) as JSON.
 *   npx tsx processors/enrich/sentiment/scripts/crossval.ts tweets [--folds 5] [--seeds 1] \
 *     [--tolerance 0] [--final] [--record models/umsab-default.selection.json] [grid]
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadPatternCsv, loadUmsab, umsabLanguageOf } from '../datasets.ts';
import { DEFAULT_FEATURE_CONFIG, extractFeatures, type SparseVector } from '../features.ts';
import { chooseByCv, cvScore, stratifiedFoldIds } from '../model-selection.ts';
import { trainPreset, type TrainPresetName } from '../train-presets.ts';
import {
  probabilitiesFromFeatures,
  trainOnFeatures,
  type SentimentModel,
  type TrainOptions,
} from '../trained-model.ts';
import { labelIndex, type LabelledText } from '../types.ts';
import { args, opt } from './args.ts';
import { writeJsonFile } from './write-json.ts';

type Entry = TrainOptions & { name?: string; preset?: TrainPresetName };

const mode = args[0] === 'tweets' ? 'tweets' : 'reviews';
const folds = Number(opt('--folds') ?? (mode === 'tweets' ? 5 : 10));
const seeds = Number(opt('--seeds') ?? (mode === 'tweets' ? 1 : 3));
const pool = opt('--pool') ?? 'reviews';
const nested = args.includes('--nested');
const gridArg = args.slice(1).find((a) => a.startsWith('['));
const grid = JSON.parse(gridArg ?? '[{"name":"default"}]') as Entry[];
const dataDir = opt('--data') ?? '/work/shared/data/sentiment';
if (!existsSync(dataDir)) {
  console.log(`skip: ${dataDir} not found`);
  process.exit(0);
}

/** Resolves a grid entry: preset (or the default model's options) overridden by the entry's own fields. */
function optionsOf(e: Entry): TrainOptions {
  const base = trainPreset(e.preset ?? 'tweets');
  const { name: _n, preset: _p, ...own } = e;
  return { ...base, ...own, features: { ...base.features, ...own.features } };
}
const label = (e: Entry) => e.name ?? JSON.stringify(e);

const featureCache = new Map<string, Map<LabelledText, SparseVector>>();
function featuresOf(items: readonly LabelledText[], o: TrainOptions): SparseVector[] {
  const cfg = { ...DEFAULT_FEATURE_CONFIG, ...o.features };
  const key = JSON.stringify(cfg);
  let cache = featureCache.get(key);
  if (!cache) featureCache.set(key, (cache = new Map()));
  return items.map((x) => {
    let v = cache.get(x);
    if (!v) cache.set(x, (v = extractFeatures(x.text, x.lang, cfg)));
    return v;
  });
}
function train(items: readonly LabelledText[], o: TrainOptions): SentimentModel {
  return trainOnFeatures(featuresOf(items, o), items, o);
}
function predict(model: SentimentModel, items: readonly LabelledText[], o: TrainOptions, binary: boolean) {
  return featuresOf(items, o).map((x) => {
    const p = probabilitiesFromFeatures(model, x);
    if (binary) return (p[2] as number) - (p[0] as number) >= 0 ? 2 : 0;
    let best = 0;
    for (let k = 1; k < 3; k++) if ((p[k] as number) > (p[best] as number)) best = k;
    return best;
  });
}
const accuracy = (
  model: SentimentModel,
  items: readonly LabelledText[],
  o: TrainOptions,
  binary: boolean,
) => {
  const pred = predict(model, items, o, binary);
  return pred.filter((y, i) => y === labelIndex((items[i] as LabelledText).label)).length / items.length;
};

const foldIds = (items: readonly LabelledText[], k: number, seed: number) =>
  stratifiedFoldIds(
    items.map((x) => x.label),
    k,
    seed,
  );

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const sd = (xs: readonly number[]) =>
  xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1)) : 0;
const pct = (x: number) => (100 * x).toFixed(1);
const ms = (xs: readonly number[]) => `${pct(mean(xs))} ± ${pct(sd(xs))}`;

const umsabDir = join(dataDir, 'umsab');
const tweetSets = readdirSync(umsabDir)
  .sort()
  .filter((d) => umsabLanguageOf(d))
  .map((d) => ({ dir: d, lang: umsabLanguageOf(d) as string, train: loadUmsab(join(umsabDir, d), 'train') }));

if (mode === 'reviews') {
  const reviewsDir = join(dataDir, 'reviews');
  const files = readdirSync(reviewsDir)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  const sets = files.map((f) => loadPatternCsv(join(reviewsDir, f)));
  const tweets = pool === 'reviews+tweets' ? tweetSets.flatMap((t) => t.train) : [];

  /** Accuracy per file of one k-fold run (seed) with options o (or a chooser per outer fold). */
  const run = (seed: number, choose: (trainSets: LabelledText[][], fold: number) => TrainOptions) => {
    const ids = sets.map((items, f) => foldIds(items, folds, seed * 100 + f));
    const correct = sets.map(() => 0);
    for (let fold = 0; fold < folds; fold++) {
      const trainSets = sets.map((items, f) => items.filter((_, i) => ids[f]?.[i] !== fold));
      const o = choose(trainSets, fold);
      const groups = pool === 'own' ? sets.map((_, f) => [f]) : [sets.map((_, f) => f)];
      for (const g of groups) {
        const model = train([...g.flatMap((f) => trainSets[f] as LabelledText[]), ...tweets], o);
        for (const f of g) {
          const test = (sets[f] as LabelledText[]).filter((_, i) => ids[f]?.[i] === fold);
          correct[f] = (correct[f] as number) + accuracy(model, test, o, true) * test.length;
        }
      }
    }
    return sets.map((items, f) => (correct[f] as number) / items.length);
  };

  const header = `${folds}-fold CV, ${seeds} split seeds, training pool: ${pool}`;
  console.log(`${header}\n${'setting'.padEnd(34)} ${files.map((f) => f.padEnd(16)).join(' ')} mean`);
  const report = (name: string, perSeed: number[][]) => {
    const cols = files.map((_, f) => ms(perSeed.map((r) => r[f] as number)).padEnd(16));
    console.log(`${name.padEnd(34)} ${cols.join(' ')} ${pct(mean(perSeed.map(mean)))}`);
  };
  if (!nested) {
    for (const e of grid) {
      const o = optionsOf(e);
      report(
        label(e),
        Array.from({ length: seeds }, (_, s) => run(1 + s, () => o)),
      );
    }
  } else {
    const candidates = grid.map(optionsOf);
    const picks: string[] = [];
    const chooser = (trainSets: LabelledText[][]) => {
      // inner 3-fold CV on the outer training part: mean accuracy over files
      const scores = candidates.map((o) => {
        const inner = trainSets.map((items, f) => foldIds(items, 3, 7 + f));
        let sum = 0;
        for (let k = 0; k < 3; k++) {
          const fit = trainSets.flatMap((items, f) => items.filter((_, i) => inner[f]?.[i] !== k));
          const model = train([...fit, ...tweets], o);
          trainSets.forEach((items, f) => {
            const test = items.filter((_, i) => inner[f]?.[i] === k);
            sum += accuracy(model, test, o, true) / (3 * trainSets.length);
          });
        }
        return sum;
      });
      const best = scores.indexOf(Math.max(...scores));
      picks.push(label(grid[best] as Entry));
      return candidates[best] as TrainOptions;
    };
    report(
      'nested (inner 3-fold choice)',
      Array.from({ length: seeds }, (_, s) => run(1 + s, chooser)),
    );
    const counts = new Map<string, number>();
    for (const p of picks) counts.set(p, (counts.get(p) ?? 0) + 1);
    console.log(`choices: ${[...counts].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
  }
} else {
  const tolerance = Number(opt('--tolerance') ?? 0) / 100;
  const record = opt('--record');
  const groups = tweetSets.map((t) => t.train);
  console.log(`UMSAB: ${folds}-fold CV on the train splits, ${seeds} split seed(s); val not read`);
  console.log(`${'setting'.padEnd(34)} ${tweetSets.map((t) => `${t.lang} cv`.padEnd(8)).join(' ')} mean cv`);
  const scores = grid.map((e) => {
    const o = optionsOf(e);
    const sc = cvScore(label(e), groups, folds, seeds, 500, (fit, test) =>
      predict(train(fit, o), test, o, false),
    );
    const cols = sc.perGroup.map((a) => pct(a).padEnd(8));
    console.log(`${label(e).padEnd(34)} ${cols.join(' ')} ${pct(sc.mean)}`);
    return sc;
  });
  const chosen = chooseByCv(scores, tolerance);
  const entry = grid[chosen] as Entry;
  const options = optionsOf(entry);
  console.log(`chosen by CV: ${label(entry)} (mean ${pct(scores[chosen]?.mean ?? 0)})`);
  let finalVal: Record<string, number> | undefined;
  if (args.includes('--final')) {
    // the one look at val: the CV-chosen setting, trained on all train splits
    const model = train(
      groups.flatMap((g) => g),
      options,
    );
    finalVal = {};
    for (const t of tweetSets) {
      const val = loadUmsab(join(umsabDir, t.dir), 'val');
      finalVal[t.lang] = Math.round(1000 * accuracy(model, val, options, false)) / 10;
    }
    console.log(`val accuracy of the chosen setting (once): ${JSON.stringify(finalVal)}`);
  }
  if (record) {
    const { onEpoch: _e, ...plain } = options;
    await writeJsonFile(
      record,
      JSON.stringify({
        method: `${folds}-fold stratified CV on the UMSAB train splits (scripts/crossval.ts tweets), ${seeds} split seed(s); val not read while choosing`,
        folds,
        seeds,
        tolerance,
        languages: tweetSets.map((t) => t.lang),
        candidates: grid.map((e, n) => ({
          name: label(e),
          entry: e,
          cv: Object.fromEntries(
            tweetSets.map((t, k) => [t.lang, Math.round(1000 * (scores[n]?.perGroup[k] ?? 0)) / 10]),
          ),
          mean: scores[n]?.mean ?? 0,
        })),
        chosen: label(entry),
        options: plain,
        ...(finalVal ? { finalVal } : {}),
      }),
    );
    console.log(`recorded → ${record}`);
  }
}
