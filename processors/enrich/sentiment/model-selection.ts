/**
 * Model selection by k-fold cross-validation only. The functions here see
 * training data and cross-validated scores, never a validation split: a
 * setting is chosen from `CvScore`s alone, and the held-out figure of the
 * chosen setting is measured afterwards, once (scripts/crossval.ts `--final`).
 */
import { mulberry32 } from './trained-model.ts';
import type { LabelledText } from './types.ts';

/** Stratified fold ids (0..k-1), one per item, shuffled by seed; each label's items spread evenly. */
export function stratifiedFoldIds(labels: readonly string[], k: number, seed: number): number[] {
  if (!(k >= 2)) throw new Error(`need at least 2 folds, got ${k}`);
  const rand = mulberry32(seed);
  const ids = new Array<number>(labels.length).fill(0);
  for (const lab of ['negative', 'neutral', 'positive']) {
    const idx = labels.flatMap((l, i) => (l === lab ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
    }
    const offset = Math.floor(rand() * k);
    idx.forEach((n, r) => (ids[n] = (r + offset) % k));
  }
  return ids;
}

/** Predicts label indices (0 negative, 1 neutral, 2 positive) for `test` with a model fitted on `fit`. */
export type FitPredict = (fit: LabelledText[], test: LabelledText[]) => number[];

const LABEL_INDEX: Record<string, number> = { negative: 0, neutral: 1, positive: 2 };

/**
 * k-fold cross-validated accuracy per group (e.g. per language): in each fold
 * one model is fitted on the other folds of all groups and predicts the
 * fold's items of every group. Fold ids per group come from `seed + group index`.
 */
export function crossValidatedAccuracy(
  groups: readonly (readonly LabelledText[])[],
  folds: number,
  seed: number,
  fitPredict: FitPredict,
): number[] {
  const ids = groups.map((g, n) =>
    stratifiedFoldIds(
      g.map((x) => x.label),
      folds,
      seed + n,
    ),
  );
  const correct = groups.map(() => 0);
  for (let fold = 0; fold < folds; fold++) {
    const fit = groups.flatMap((g, n) => g.filter((_, i) => ids[n]?.[i] !== fold));
    const tests = groups.map((g, n) => g.filter((_, i) => ids[n]?.[i] === fold));
    const pred = fitPredict(fit, tests.flat());
    let at = 0;
    tests.forEach((t, n) => {
      for (const x of t) if (pred[at++] === LABEL_INDEX[x.label]) correct[n] = (correct[n] as number) + 1;
    });
  }
  return groups.map((g, n) => (g.length ? (correct[n] as number) / g.length : 0));
}

export interface CvScore {
  name: string;
  /** Mean over split seeds of the cross-validated accuracy, per group. */
  perGroup: number[];
  /** Mean of perGroup. */
  mean: number;
}

/** CV score of one setting: per-group accuracy averaged over split seeds `seed0, seed0 + 1000, …`. */
export function cvScore(
  name: string,
  groups: readonly (readonly LabelledText[])[],
  folds: number,
  seeds: number,
  seed0: number,
  fitPredict: FitPredict,
): CvScore {
  const runs = Array.from({ length: seeds }, (_, s) =>
    crossValidatedAccuracy(groups, folds, seed0 + 1000 * s, fitPredict),
  );
  const perGroup = groups.map((_, n) => runs.reduce((a, r) => a + (r[n] as number), 0) / runs.length);
  return { name, perGroup, mean: perGroup.reduce((a, b) => a + b, 0) / Math.max(1, perGroup.length) };
}

/**
 * Index of the chosen setting: the best mean CV accuracy. Settings within `tolerance` of the best
 * count as tied and the earliest of them wins (list simpler / cheaper settings first).
 */
export function chooseByCv(scores: readonly CvScore[], tolerance = 0): number {
  if (scores.length === 0) throw new Error('no settings to choose from');
  const best = Math.max(...scores.map((s) => s.mean));
  return scores.findIndex((s) => s.mean >= best - tolerance);
}
