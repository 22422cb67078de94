import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { formatIssues } from '../../../core/config.ts';
import { loadDataset, umsabLanguageOf } from './datasets.ts';
import { trainPreset, type TrainPresetName } from './train-presets.ts';
import { saveSentimentModel, trainSentimentModel } from './trained-model.ts';
import type { LabelledText } from './types.ts';

/** One labelled example per line of a JSON Lines file: a user's own data for `lateral sentiment train`. */
const JsonlExample = z.object({
  text: z.string().min(1),
  label: z.enum(['negative', 'neutral', 'positive']),
  lang: z.string().optional(),
});

export type TrainingFormat = 'jsonl' | 'umsab' | 'pattern-csv';

/** `auto`: a folder is UMSAB, a `.csv` file a Pattern polarity CSV, anything else JSON Lines. */
export function inferTrainingFormat(path: string): TrainingFormat {
  if (existsSync(path) && statSync(path).isDirectory()) return 'umsab';
  return /\.csv$/i.test(path) ? 'pattern-csv' : 'jsonl';
}

/**
 * Loads labelled examples. A UMSAB path is a language folder or the folder holding them (all known
 * languages are loaded).
 */
export function loadTrainingExamples(format: TrainingFormat, path: string, split = 'train'): LabelledText[] {
  if (format === 'umsab' && !existsSync(join(path, `${split}_text.txt`)) && existsSync(path)) {
    const langs = readdirSync(path)
      .sort()
      .filter((d) => umsabLanguageOf(d) && existsSync(join(path, d, `${split}_text.txt`)));
    if (langs.length > 0) return langs.flatMap((d) => loadDataset('umsab', join(path, d), split));
  }
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

export interface TrainingSource {
  path: string;
  /** Default 'auto' (see inferTrainingFormat). */
  format?: TrainingFormat | 'auto';
}

export interface TrainFilesOptions {
  /** UMSAB split to read (default 'train'). */
  split?: string;
  /** Training settings (default 'tweets', the default model's). */
  preset?: TrainPresetName;
}

/**
 * `lateral sentiment train`: fits the compact classifier on the labelled examples of one or more files (pooled)
 * and writes the model file the pipeline loads; returns its model id (`trained-<sha>`), which every score it
 * produces carries.
 */
export function trainFromFiles(
  sources: readonly TrainingSource[],
  out: string,
  options: TrainFilesOptions = {},
): { modelId: string; examples: number; perSource: number[] } {
  if (sources.length === 0) throw new Error('no training data given');
  const loaded = sources.map(({ path, format }) =>
    loadTrainingExamples(
      !format || format === 'auto' ? inferTrainingFormat(path) : format,
      path,
      options.split,
    ),
  );
  const examples = loaded.flat();
  if (examples.length < 10)
    throw new Error(
      `only ${examples.length} labelled examples in ${sources.map((s) => s.path).join(', ')}; need at least 10`,
    );
  const model = trainSentimentModel(examples, {
    ...trainPreset(options.preset ?? 'tweets'),
    description: `${options.preset ?? 'tweets'} preset: ${sources.map((s) => s.path.split('/').pop()).join(', ')}`,
  });
  return {
    modelId: saveSentimentModel(model, out),
    examples: examples.length,
    perSource: loaded.map((l) => l.length),
  };
}

/** One file with the default (tweets) settings; see trainFromFiles. */
export function trainFromFile(
  format: TrainingFormat,
  path: string,
  out: string,
  split?: string,
): { modelId: string; examples: number } {
  const { modelId, examples } = trainFromFiles([{ path, format }], out, split ? { split } : {});
  return { modelId, examples };
}
