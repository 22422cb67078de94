import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_OPTIONS } from './default-model.ts';
import {
  chooseByCv,
  crossValidatedAccuracy,
  cvScore,
  stratifiedFoldIds,
  type CvScore,
  type FitPredict,
} from './model-selection.ts';
import type { LabelledText, SentimentLabel } from './types.ts';

const LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive'];
const items = (n: number, lang = 'en'): LabelledText[] =>
  Array.from({ length: n }, (_, i) => ({ text: `t${i}`, lang, label: LABELS[i % 3] as SentimentLabel }));

describe('stratifiedFoldIds', () => {
  it('spreads every label evenly over the folds, deterministically per seed', () => {
    const labels = items(60).map((x) => x.label);
    const ids = stratifiedFoldIds(labels, 5, 1);
    for (const lab of LABELS) {
      const counts = [0, 0, 0, 0, 0];
      ids.forEach((f, i) => {
        if (labels[i] === lab) counts[f] = (counts[f] ?? 0) + 1;
      });
      expect(counts).toEqual([4, 4, 4, 4, 4]);
    }
    expect(stratifiedFoldIds(labels, 5, 1)).toEqual(ids);
    expect(stratifiedFoldIds(labels, 5, 2)).not.toEqual(ids);
  });
  it('rejects fewer than two folds', () => {
    expect(() => stratifiedFoldIds(['neutral'], 1, 1)).toThrow();
  });
});

describe('crossValidatedAccuracy', () => {
  it('predicts every item once, by a model that did not see it', () => {
    const groups = [items(30, 'en'), items(21, 'es')];
    const seen = new Set<string>();
    const fitPredict: FitPredict = (fit, test) => {
      const fitSet = new Set(fit);
      for (const x of test) {
        expect(fitSet.has(x)).toBe(false);
        seen.add(`${x.lang}:${x.text}`);
      }
      return test.map((x) => LABELS.indexOf(x.label)); // an oracle: accuracy 1
    };
    expect(crossValidatedAccuracy(groups, 3, 7, fitPredict)).toEqual([1, 1]);
    expect(seen.size).toBe(51);
  });
  it('scores per group: a majority-class model gets 1/3 on balanced data', () => {
    const majority: FitPredict = (_fit, test) => test.map(() => 1);
    const sc = cvScore('majority', [items(30), items(60)], 5, 2, 1, majority);
    expect(sc.perGroup.map((a) => a.toFixed(3))).toEqual(['0.333', '0.333']);
    expect(sc.mean).toBeCloseTo(1 / 3, 6);
  });
});

describe('chooseByCv', () => {
  const s = (name: string, mean: number): CvScore => ({ name, perGroup: [mean], mean });
  it('picks the best mean CV accuracy', () => {
    expect(chooseByCv([s('a', 0.6), s('b', 0.62), s('c', 0.61)])).toBe(1);
  });
  it('within the tolerance the first listed setting wins', () => {
    expect(chooseByCv([s('a', 0.6195), s('b', 0.62)], 0.001)).toBe(0);
    expect(chooseByCv([s('a', 0.618), s('b', 0.62)], 0.001)).toBe(1);
  });
  it('needs at least one setting', () => {
    expect(() => chooseByCv([])).toThrow();
  });
});

const RECORD = new URL('./models/umsab-default.selection.json', import.meta.url);
describe.skipIf(!existsSync(RECORD))('the shipped tweet settings', () => {
  it('are the setting chosen by cross-validation on train (models/umsab-default.selection.json)', () => {
    const rec = JSON.parse(readFileSync(RECORD, 'utf8')) as {
      tolerance: number;
      candidates: { name: string; mean: number }[];
      chosen: string;
      options: Record<string, unknown>;
    };
    const scores = rec.candidates.map((c) => ({ name: c.name, perGroup: [c.mean], mean: c.mean }));
    expect(rec.candidates[chooseByCv(scores, rec.tolerance)]?.name).toBe(rec.chosen);
    expect(DEFAULT_TRAIN_OPTIONS).toEqual(rec.options);
  });
});
