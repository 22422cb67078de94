import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrateNeutralBand } from './calibrate.ts';
import { decodeUmsabLine, loadPatternCsv, loadUmsab, parseCsv } from './datasets.ts';
import { binaryLabel, evaluate, evaluateSentimentOnPath } from './evaluate.ts';
import type { SentimentLabel, SentimentScorer } from './types.ts';

describe('evaluate()', () => {
  it('computes accuracy, macro-F1 and the confusion matrix', () => {
    const gold: SentimentLabel[] = ['negative', 'negative', 'neutral', 'positive', 'positive', 'positive'];
    const pred: SentimentLabel[] = ['negative', 'neutral', 'neutral', 'positive', 'positive', 'negative'];
    const m = evaluate(pred, gold);
    expect(m.accuracy).toBeCloseTo(4 / 6);
    expect(m.confusion).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 2],
    ]);
    // neg: P=1/2 R=1/2 F=.5; neu: P=1/2 R=1 F=2/3; pos: P=1 R=2/3 F=.8
    expect(m.perClass.negative?.f1).toBeCloseTo(0.5);
    expect(m.perClass.neutral?.f1).toBeCloseTo(2 / 3);
    expect(m.perClass.positive?.f1).toBeCloseTo(0.8);
    expect(m.macroF1).toBeCloseTo((0.5 + 2 / 3 + 0.8) / 3);
  });
  it('handles empty classes and explicit label sets', () => {
    const m = evaluate(['positive', 'positive'], ['positive', 'negative'], ['negative', 'positive']);
    expect(m.perClass.negative).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(m.macroF1).toBeCloseTo((0 + 2 / 3) / 2);
    expect(() => evaluate(['positive'], [])).toThrow();
  });
  it('binary decision is the sign of the score', () => {
    expect(binaryLabel(-0.01)).toBe('negative');
    expect(binaryLabel(0)).toBe('positive');
    expect(binaryLabel(0.3)).toBe('positive');
  });
});

describe('datasets', () => {
  it('parses RFC 4180 CSV with quotes, commas and newlines', () => {
    expect(parseCsv('"a ""x"", b","1"\r\n"multi\nline",-1\n')).toEqual([
      ['a "x", b', '1'],
      ['multi\nline', '-1'],
    ]);
  });
  it('decodes UMSAB escaping', () => {
    expect(decodeUmsabLine('"I\\u2019m \\""""fine\\"""" ok" ')).toBe('I’m "fine" ok');
    expect(decodeUmsabLine('plain text ')).toBe('plain text');
  });
  it('finds the polarity column in pattern CSVs whatever its position', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sent-'));
    const f = join(dir, 'nl-test.dev.csv');
    writeFileSync(f, '"\uFEFF""1""","Mooi, echt mooi"\n"Slecht boek","-1"\n"-1","Saai"\n');
    const items = loadPatternCsv(f);
    expect(items).toEqual([
      { text: 'Mooi, echt mooi', label: 'positive', lang: 'nl' },
      { text: 'Slecht boek', label: 'negative', lang: 'nl' },
      { text: 'Saai', label: 'negative', lang: 'nl' },
    ]);
  });
  it('loads UMSAB folders and evaluates a scorer on a path', () => {
    const root = mkdtempSync(join(tmpdir(), 'umsab-'));
    const dir = join(root, 'english');
    mkdirSync(dir);
    writeFileSync(join(dir, 'val_text.txt'), 'good\nbad\nmeh\n');
    writeFileSync(join(dir, 'val_labels.txt'), '2\n0\n1\n');
    expect(loadUmsab(dir, 'val')).toEqual([
      { text: 'good', label: 'positive', lang: 'en' },
      { text: 'bad', label: 'negative', lang: 'en' },
      { text: 'meh', label: 'neutral', lang: 'en' },
    ]);
    const fake: SentimentScorer = {
      model: 'fake-1',
      score: (t) => ({
        score: t === 'good' ? 0.9 : t === 'bad' ? -0.9 : 0.5,
        label: t === 'good' ? 'positive' : t === 'bad' ? 'negative' : 'positive',
        confidence: 1,
        model: 'fake-1',
      }),
    };
    const e = evaluateSentimentOnPath('umsab', root, fake);
    expect(e.accuracy).toBeCloseTo(2 / 3);
    expect(e.datasets[0]?.lang).toBe('en');
    const report = e.formatReport();
    expect(report).toContain('accuracy 66.7%');
    expect(report).toContain('macro-F1');
    expect(report).toContain('gold\\pred');
  });
});

describe('calibration', () => {
  const scores = [-0.9, -0.6, -0.4, -0.1, 0, 0, 0.05, 0.2, 0.3, 0.5, 0.7, 0.95];
  const gold: SentimentLabel[] = [
    'negative', 'negative', 'negative', 'neutral', 'neutral', 'neutral',
    'neutral', 'neutral', 'positive', 'positive', 'positive', 'positive',
  ]; // prettier-ignore
  it('finds the band that maximises macro-F1', () => {
    const r = calibrateNeutralBand(scores, gold);
    expect(r.macroF1).toBeCloseTo(1);
    expect(r.lo).toBeGreaterThanOrEqual(-0.4);
    expect(r.lo).toBeLessThanOrEqual(-0.1);
    expect(r.hi).toBeGreaterThanOrEqual(0.2);
    expect(r.hi).toBeLessThan(0.3);
  });
  it('is deterministic', () => {
    expect(calibrateNeutralBand(scores, gold)).toEqual(calibrateNeutralBand([...scores], [...gold]));
    const shuffledIdx = [5, 3, 11, 0, 7, 1, 9, 2, 10, 4, 8, 6];
    const r1 = calibrateNeutralBand(scores, gold);
    const r2 = calibrateNeutralBand(
      shuffledIdx.map((i) => scores[i] as number),
      shuffledIdx.map((i) => gold[i] as SentimentLabel),
    );
    expect(r2).toEqual(r1);
  });
});
