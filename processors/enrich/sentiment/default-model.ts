/**
 * The default trained model shipped with the repo (models/umsab-default.json,
 * trained on the UMSAB train splits only; see scripts/train.ts) and the
 * settings used for it: the setting chosen by 5-fold cross-validation on the
 * train splits (scripts/crossval.ts tweets --record), recorded with every
 * candidate's CV figures in models/umsab-default.selection.json; a unit test
 * (model-selection.test.ts) checks that these options are that record's choice.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSentimentModel, type TrainOptions, type TrainedScorer } from './trained-model.ts';

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('./models/umsab-default.json', import.meta.url));

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  epochs: 10,
  learningRate: 0.5,
  l2: 3e-5,
  seed: 42,
  // negation marks the rest of the clause (not 3 words): chosen by CV, models/umsab-default.selection.json
  features: { foldAccents: true, negationScope: 0 },
  // NB-SVM feature scaling; α chosen by 5-fold CV on the UMSAB train splits (scripts/crossval.ts tweets)
  nbScale: true,
  nbAlpha: 0.05,
};

let cached: TrainedScorer | null = null;

/** Loads (once) the shipped default model, or null when the file is absent. */
export function loadDefaultSentimentModel(): TrainedScorer | null {
  if (cached) return cached;
  if (!existsSync(DEFAULT_MODEL_PATH)) return null;
  cached = loadSentimentModel(DEFAULT_MODEL_PATH);
  return cached;
}
