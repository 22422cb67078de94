import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { formatIssues } from '../../../core/config.ts';
import { loadDataset } from './datasets.ts';
import { DEFAULT_TRAIN_OPTIONS } from './default-model.ts';
import { saveSentimentModel, trainSentimentModel } from './trained-model.ts';
import type { LabelledText } from './types.ts';

/** One labelled example per line of a JSON Lines file: a user's own data for `lateral sentiment train`. */
const JsonlExample = z.object({
  text: z.string().min(1),
  label: z.enum(['negative', 'neutral', 'positive']),
  lang: z.string().optional(),
});

export type TrainingFormat = 'jsonl' | 'umsab' | 'pattern-csv';

export function loadTrainingExamples(format: TrainingFormat, path: string, split = 'train'): LabelledText[] {
  if (format !== 'jsonl') return loadDataset(format, path, split);
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        throw new Error(`${path}:${n}: not JSON: ${(err as Error).message}`, { cause: err });
      }
      const parsed = JsonlExample.safeParse(value);
      if (!parsed.success)
        throw new Error(`${path}:${n}: ${formatIssues(parsed.error).replace(/\n/g, '; ')}`);
      const { text, label, lang } = parsed.data;
      return lang ? { text, label, lang } : { text, label };
    });
}

/**
 * `lateral sentiment train`: fits the compact classifier on labelled examples and writes the model file the
 * pipeline loads; returns its model id (`trained-<sha>`), which every score it produces carries.
 */
export function trainFromFile(
  format: TrainingFormat,
  path: string,
  out: string,
  split?: string,
): { modelId: string; examples: number } {
  const examples = loadTrainingExamples(format, path, split);
  if (examples.length < 10)
    throw new Error(`only ${examples.length} labelled examples in ${path}; need at least 10`);
  const model = trainSentimentModel(examples, DEFAULT_TRAIN_OPTIONS);
  return { modelId: saveSentimentModel(model, out), examples: examples.length };
}
