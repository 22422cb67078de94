import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalBrands } from '../../../cli/eval.ts';
import { LateralConfig } from '../../../schema/config.ts';
import { evaluateBrandMatching } from './evaluate-brands.ts';

const dir = mkdtempSync(join(tmpdir(), 'lateral-eval-brands-'));
const file = (name: string, body: string) => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};

const config = LateralConfig.parse({
  brands: [
    { name: 'acme', query: 'acme OR "acme corp"' },
    { name: 'globex', query: 'globex AND NOT job' },
  ],
});

describe('evaluateBrandMatching', () => {
  it('counts true/false positives and misses per brand against brand-name labels', () => {
    const p = file(
      'rows.csv',
      [
        'text,brands',
        'my acme phone broke,acme',
        'acme and globex both,acme;globex',
        'globex job offer,globex', // missed: the query excludes "job"
        'acme is a word here,', // false match
        'nothing at all,none',
        'initech rocks,initech', // not configured
      ].join('\n'),
    );
    const match = (post: { text: string }) =>
      ['acme', 'globex'].filter(
        (b) => post.text.includes(b) && !(b === 'globex' && post.text.includes('job')),
      );
    const e = evaluateBrandMatching(match, ['acme', 'globex'], 'csv', p, { labelColumn: 'brands' });
    expect(e.rows).toBe(6);
    expect(e.perBrand.acme).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(e.perBrand.acme?.precision).toBeCloseTo(2 / 3);
    expect(e.perBrand.globex).toMatchObject({ tp: 1, fp: 0, fn: 1, recall: 0.5 });
    expect(e.overall).toMatchObject({ tp: 3, fp: 1, fn: 1 });
    expect(e.unknownBrands).toEqual(['initech']);
  });
});

describe('lateral eval brands', () => {
  it('uses the configured queries; yes/no labels with --brand, unreadable labels are skipped', async () => {
    const p = file(
      'acme.jsonl',
      [
        { text: 'Acme Corp support is slow', about: 'yes' },
        { text: 'the acme of perfection', about: 'no' },
        { text: 'unrelated text', about: 0 },
        { text: 'love my ACME', about: true },
        { text: 'who knows', about: 'maybe' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const report = await evalBrands(config, 'jsonl', p, { brand: 'acme', labelColumn: 'about' });
    expect(report).toMatch(/^n=4 rows/);
    expect(report).toMatch(/acme +precision +66\.7% +recall +100\.0%.*\(tp 2, fp 1, fn 0\)/);
    expect(report).toMatch(/skipped 1 row\(s\) whose label is not yes\/no: 1 × "maybe"/);
    expect(report).toMatch(/false match \[acme\] the acme of perfection/);
    await expect(evalBrands(config, 'jsonl', p, { brand: 'nope', labelColumn: 'about' })).rejects.toThrow(
      /not a configured brand/,
    );
  }, 30_000);
});
