/**
 * Named training settings for `lateral sentiment train --preset`: `tweets`
 * (the default model's settings, chosen on UMSAB train data) and `reviews`
 * (long product reviews, chosen by cross-validation on the Pattern review dev
 * halves; see README.md).
 */
import { DEFAULT_TRAIN_OPTIONS } from './default-model.ts';
import type { TrainOptions } from './trained-model.ts';

export const TRAIN_PRESETS = {
  tweets: DEFAULT_TRAIN_OPTIONS,
  // plain logistic regression trained longer: NB scaling hurt the 100 German reviews (81 → 75, 10-fold CV);
  // 40 epochs beat 10 and 20 (scripts/crossval.ts reviews, README.md)
  // (features as when it was chosen: negation marks 3 words, as before the tweets' clause-end scope)
  reviews: { ...DEFAULT_TRAIN_OPTIONS, nbScale: false, epochs: 40, features: { foldAccents: true } },
} satisfies Record<string, TrainOptions>;

export type TrainPresetName = keyof typeof TRAIN_PRESETS;

export function trainPreset(name: TrainPresetName): TrainOptions {
  const p = TRAIN_PRESETS[name];
  if (!p)
    throw new Error(
      `unknown training preset ${String(name)}; known: ${Object.keys(TRAIN_PRESETS).join(', ')}`,
    );
  return p;
}
