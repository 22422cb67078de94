import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalSentimentUser } from '../../../cli/eval.ts';
import { labelReader, loadUserLabelled, skippedReport } from './user-labels.ts';

const dir = mkdtempSync(join(tmpdir(), 'lateral-user-labels-'));
const file = (name: string, body: string) => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};

describe('labelReader', () => {
  it('reads words in any case and -1/0/1', () => {
    const r = labelReader();
    expect(['Negative', 'NEUTRAL', 'positive', 'neg', '-1', '0', '1', '+1', '1.0', ' -1.0 '].map(r)).toEqual([
      'negative',
      'neutral',
      'positive',
      'negative',
      'negative',
      'neutral',
      'positive',
      'positive',
      'positive',
      'negative',
    ]);
    expect(r('mixed')).toBeNull();
    expect(r('2')).toBeNull();
    expect(r('')).toBeNull();
  });
  it('maps other names with --labels and rejects a bad map', () => {
    const r = labelReader('bad=negative, ok=neutral ,GOOD=pos');
    expect([r('Bad'), r('ok'), r('good'), r('positive')]).toEqual([
      'negative',
      'neutral',
      'positive',
      'positive',
    ]);
    expect(() => labelReader('bad=awful')).toThrow(/NAME=negative/);
  });
});

describe('loadUserLabelled', () => {
  it('reads a CSV by column name, skips and counts other labels', () => {
    const p = file(
      'a.csv',
      'id,body,stars,sentiment\n1,"I love it, really",5,Positive\n2,meh,3,mixed\n3,awful,1,-1\n4,,2,negative\n5,fine,3,mixed\n',
    );
    const got = loadUserLabelled('csv', p, { textColumn: 'body', labelColumn: 'sentiment' });
    expect(got.items).toEqual([
      { text: 'I love it, really', label: 'positive' },
      { text: 'awful', label: 'negative' },
    ]);
    expect(got.skipped.get('mixed')).toBe(2);
    expect(got.emptyText).toBe(1);
    expect(skippedReport(got)).toMatch(/skipped 2 rows with other labels \(2 × "mixed"\)/);
    expect(() => loadUserLabelled('csv', p, { textColumn: 'text' })).toThrow(/no column "text".*body/);
  });
  it('reads JSON Lines with numeric labels and a language key', () => {
    const p = file(
      'a.jsonl',
      '{"t":"great","y":1,"l":"EN"}\n\n{"t":"bof","y":0,"l":"fr"}\n{"t":"x","y":7}\n',
    );
    const got = loadUserLabelled('jsonl', p, { textColumn: 't', labelColumn: 'y', langColumn: 'l' });
    expect(got.items).toEqual([
      { text: 'great', label: 'positive', lang: 'en' },
      { text: 'bof', label: 'neutral', lang: 'fr' },
    ]);
    expect(got.skipped.get('7')).toBe(1);
    expect(() =>
      loadUserLabelled('jsonl', file('bad.jsonl', '{"t":1}\nnope\n'), { textColumn: 't' }),
    ).toThrow(/:2: not JSON/);
  });
});

describe('lateral eval sentiment --format csv', () => {
  it('prints accuracy, macro-F1, the confusion matrix and the skipped rows', async () => {
    const p = file(
      'eval.csv',
      [
        'text,label',
        '"I love this, it is wonderful and great",good',
        'This is terrible and awful. I hate it,bad',
        'The store opens at nine,ok',
        'Absolutely fantastic service,good',
        'Worst purchase ever,bad',
        'something,unknown',
      ].join('\n'),
    );
    const report = await evalSentimentUser(
      'csv',
      p,
      'lexicon',
      { labels: 'good=positive,bad=negative,ok=neutral', lang: 'en' },
      [],
    );
    expect(report).toMatch(/n=5 {2}accuracy \d+\.\d% {2}macro-F1/);
    expect(report).toMatch(/gold\\pred +neg +neu +pos/);
    expect(report).toMatch(/skipped 1 row with other labels \(1 × "unknown"\)/);
    // the lexicon gets the obvious ones right
    expect(report).toMatch(/accuracy (100\.0|80\.0)%/);
  }, 30_000);
  it('fails clearly when no label is recognised', async () => {
    const p = file('none.csv', 'text,label\nhello,mixed\n');
    await expect(evalSentimentUser('csv', p, 'lexicon', { lang: 'en' }, [])).rejects.toThrow(
      /no row has a recognised label.*mixed.*--labels/,
    );
  });
});
