/**
 * Hyper-parameter search for the trained model on the UMSAB *train* splits
 * only: each language's train split is divided 80/20 (seeded), models are
 * trained on the 80% parts of all languages and compared by mean macro-F1 on
 * the 20% parts. Validation splits are not read.
 *
 *   npx tsx processors/enrich/sentiment/scripts/tune.ts ['[{"l2":3e-5},{"l2":1e-4}]'] [umsabDir]
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadUmsab, umsabLanguageOf } from '../datasets.ts';
import { DEFAULT_TRAIN_OPTIONS } from '../default-model.ts';
import { evaluateItems } from '../evaluate.ts';
import { mulberry32, scorerFromModel, trainSentimentModel, type TrainOptions } from '../trained-model.ts';
import type { LabelledText } from '../types.ts';

const grid = JSON.parse(process.argv[2] ?? '[{}]') as TrainOptions[];
const root = process.argv[3] ?? '/work/shared/data/sentiment/umsab';
const fit: LabelledText[] = [];
const dev: { lang: string; items: LabelledText[] }[] = [];
for (const name of readdirSync(root).sort()) {
  const lang = umsabLanguageOf(name);
  if (!lang) continue;
  const rand = mulberry32(7);
  const items: LabelledText[] = [];
  for (const x of loadUmsab(join(root, name), 'train')) (rand() < 0.8 ? fit : items).push(x);
  dev.push({ lang, items });
}
for (const g of grid) {
  const opts = {
    ...DEFAULT_TRAIN_OPTIONS,
    ...g,
    features: { ...DEFAULT_TRAIN_OPTIONS.features, ...g.features },
  };
  const scorer = scorerFromModel(trainSentimentModel(fit, opts));
  let sum = 0;
  const parts = dev.map(({ lang, items }) => {
    const m = evaluateItems(items, scorer, { binary: false });
    sum += m.macroF1;
    return `${lang} ${(100 * m.accuracy).toFixed(1)}`;
  });
  console.log(
    `${JSON.stringify(g)}  ${parts.join('  ')}  mean macro-F1 ${((100 * sum) / dev.length).toFixed(1)}`,
  );
}
