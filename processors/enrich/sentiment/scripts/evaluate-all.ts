/**
 * Full development evaluation (prints a report; takes ~1–2 minutes):
 *   npx tsx processors/enrich/sentiment/scripts/evaluate-all.ts [dataDir=/work/shared/data/sentiment]
 *
 * - lexicon model (permissive lexicons; thresholds.json calibrated on train):
 *   UMSAB val per language; each review CSV in full (binary, sign of score);
 * - default trained model (models/umsab-default.json, UMSAB train only):
 *   UMSAB val; review CSVs in full;
 * - trained on reviews: 2-fold cross-validation per review CSV (seeded split;
 *   each fold's model sees the other half of all three CSVs, optionally plus the
 *   UMSAB train splits), every review predicted once by a model that did not
 *   see it. Repeated for `--repeats` seeds (default 3), mean reported. Uses the
 *   `reviews` training preset; scripts/crossval.ts gives the 10-fold figures.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadPatternCsv, loadUmsab, umsabLanguageOf } from '../datasets.ts';
import { loadDefaultSentimentModel } from '../default-model.ts';
import { binaryLabel, evaluate, evaluateItems, formatMetrics, type Metrics } from '../evaluate.ts';
import { createLexiconScorer, loadNeutralBands } from '../lexicon-model.ts';
import { trainPreset } from '../train-presets.ts';
import { mulberry32, scorerFromModel, trainSentimentModel } from '../trained-model.ts';
import type { LabelledText, SentimentLabel, SentimentScorer } from '../types.ts';

const args = process.argv.slice(2);
const dataDir = args[0] && !args[0].startsWith('--') ? args[0] : '/work/shared/data/sentiment';
const ri = args.indexOf('--repeats');
const repeats = ri >= 0 ? Number(args[ri + 1]) : 3;
const verbose = args.includes('--verbose');
if (!existsSync(dataDir)) {
  console.log(`skip: ${dataDir} not found`);
  process.exit(0);
}
const umsabDir = join(dataDir, 'umsab');
const reviewsDir = join(dataDir, 'reviews');
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const row = (name: string, m: Metrics) =>
  `  ${name.padEnd(22)} acc ${pct(m.accuracy).padStart(6)}  macro-F1 ${pct(m.macroF1).padStart(6)}  (n=${m.n})`;

const tweetSets = readdirSync(umsabDir)
  .sort()
  .filter((d) => umsabLanguageOf(d))
  .map((d) => ({
    name: d,
    lang: umsabLanguageOf(d) as string,
    val: loadUmsab(join(umsabDir, d), 'val'),
    train: loadUmsab(join(umsabDir, d), 'train'),
  }));
const reviewSets = readdirSync(reviewsDir)
  .filter((f) => f.endsWith('.csv'))
  .sort()
  .map((f) => ({ name: f, items: loadPatternCsv(join(reviewsDir, f)) }));

function report(title: string, scorer: SentimentScorer, reviewScorer: SentimentScorer = scorer) {
  console.log(`\n== ${title} [${scorer.model}]`);
  console.log(' UMSAB val (3-class):');
  for (const t of tweetSets) {
    const m = evaluateItems(t.val, scorer, { binary: false });
    console.log(row(`${t.name} (${t.lang})`, m));
    if (verbose) console.log(formatMetrics(m, '    '));
  }
  console.log(' reviews, full file (binary, sign of score):');
  if (reviewScorer !== scorer) console.log(`  (reviews scored by ${reviewScorer.model})`);
  for (const r of reviewSets)
    console.log(row(r.name, evaluateItems(r.items, reviewScorer, { binary: true })));
}

const lexicon = createLexiconScorer();
report('lexicon model (permissive lexicons)', lexicon, createLexiconScorer({ reviews: true }));
const bandsAll = loadNeutralBands();
report(
  'lexicon model, policy "all" (adds NC SentiWS-de, ML-SentiCon es/en; permissive bands)',
  createLexiconScorer({ policy: 'all', bands: bandsAll }),
);
const def = loadDefaultSentimentModel();
if (def) report('default trained model (UMSAB train splits only)', def);

// Review cross-validation
function crossValidate(withTweets: boolean, seed: number): Metrics[] {
  const folds = reviewSets.map((r) => {
    const rand = mulberry32(seed);
    return r.items.map(() => (rand() < 0.5 ? 0 : 1));
  });
  const preds = reviewSets.map((r) => r.items.map((): SentimentLabel => 'positive'));
  const lexPreds = reviewSets.map((r) =>
    r.items.map((x) => binaryLabel(lexicon.score(x.text, { lang: x.lang ?? null }).score)),
  );
  void lexPreds;
  for (const f of [0, 1]) {
    const train: LabelledText[] = withTweets ? tweetSets.flatMap((t) => t.train) : [];
    reviewSets.forEach((r, i) => r.items.forEach((x, k) => folds[i]?.[k] !== f && train.push(x)));
    const scorer = scorerFromModel(trainSentimentModel(train, trainPreset('reviews')));
    reviewSets.forEach((r, i) =>
      r.items.forEach((x, k) => {
        if (folds[i]?.[k] === f)
          (preds[i] as SentimentLabel[])[k] = binaryLabel(
            scorer.score(x.text, { lang: x.lang ?? null }).score,
          );
      }),
    );
  }
  return reviewSets.map((r, i) =>
    evaluate(
      preds[i] as SentimentLabel[],
      r.items.map((x) => x.label),
      ['negative', 'positive'],
    ),
  );
}

for (const withTweets of [false, true]) {
  console.log(
    `\n== trained on review halves${withTweets ? ' + UMSAB train' : ''}: 2-fold CV, ${repeats} seeds`,
  );
  const runs = Array.from({ length: repeats }, (_, s) => crossValidate(withTweets, 1000 + s));
  reviewSets.forEach((r, i) => {
    const accs = runs.map((m) => (m[i] as Metrics).accuracy);
    const f1s = runs.map((m) => (m[i] as Metrics).macroF1);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `  ${r.name.padEnd(22)} acc ${pct(mean(accs)).padStart(6)}  macro-F1 ${pct(mean(f1s)).padStart(6)}  (per seed: ${accs.map(pct).join(' ')})`,
    );
  });
}
