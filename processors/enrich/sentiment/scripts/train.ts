/**
 * Trains a sentiment model file from labelled data.
 *
 *   npx tsx processors/enrich/sentiment/scripts/train.ts \
 *     [--umsab /work/shared/data/sentiment/umsab] [--split train] \
 *     [--pattern-csv file.csv ...] [--out processors/enrich/sentiment/models/umsab-default.json] \
 *     [--epochs 10] [--l2 3e-5] [--lr 0.5] [--seed 42]
 *
 * The default model shipped in models/ was made with the defaults: UMSAB
 * *train* splits of en, de, fr, es, it, pt only.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPatternCsv, loadUmsab, umsabLanguageOf } from '../datasets.ts';
import { DEFAULT_TRAIN_OPTIONS } from '../default-model.ts';
import { modelIdFor, serializeModel, trainSentimentModel } from '../trained-model.ts';
import { writeJsonFile } from './write-json.ts';
import type { LabelledText } from '../types.ts';

const args = process.argv.slice(2);
const all = (name: string) =>
  args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1] as string] : []));
const one = (name: string) => all(name)[0];
const umsab =
  one('--umsab') ?? (all('--pattern-csv').length ? undefined : '/work/shared/data/sentiment/umsab');
const split = one('--split') ?? 'train';
const out = one('--out') ?? fileURLToPath(new URL('../models/umsab-default.json', import.meta.url));
const examples: LabelledText[] = [];
const sources: string[] = [];
if (umsab) {
  if (!existsSync(umsab)) {
    console.error(`not found: ${umsab}`);
    process.exit(1);
  }
  for (const name of readdirSync(umsab).sort()) {
    if (!umsabLanguageOf(name) || !existsSync(join(umsab, name, `${split}_text.txt`))) continue;
    examples.push(...loadUmsab(join(umsab, name), split));
    sources.push(`umsab/${name}/${split}`);
  }
}
for (const f of all('--pattern-csv')) {
  examples.push(...loadPatternCsv(f));
  sources.push(f.split('/').pop() ?? f);
}
const num = (name: string) => (one(name) !== undefined ? Number(one(name)) : undefined);
const t0 = Date.now();
const model = trainSentimentModel(examples, {
  ...DEFAULT_TRAIN_OPTIONS,
  ...(num('--epochs') !== undefined ? { epochs: num('--epochs') } : {}),
  ...(num('--l2') !== undefined ? { l2: num('--l2') } : {}),
  ...(num('--lr') !== undefined ? { learningRate: num('--lr') } : {}),
  ...(num('--seed') !== undefined ? { seed: num('--seed') } : {}),
  description: sources.join(', '),
  onEpoch: (e, loss) => console.log(`epoch ${e} loss ${loss.toFixed(4)}`),
});
const id = modelIdFor(await writeJsonFile(out, serializeModel(model)));
console.log(
  `${examples.length} examples, ${model.weights.size} weight rows, ${Date.now() - t0} ms → ${out} (${id})`,
);
