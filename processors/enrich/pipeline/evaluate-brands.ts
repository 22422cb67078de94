/**
 * Precision and recall of brand matching against a user's labelled export (`lateral eval brands`): which rows
 * the configured brand queries claim, against the brands a person said each row is about.
 */
import { Post } from '../../../schema/post.ts';
import { readUserTable, type UserFormat } from '../sentiment/user-labels.ts';

export interface BrandLabelOptions {
  textColumn?: string;
  /** Column holding the brand(s) a row is about: names separated by `;` or `|`, empty (or `none`) for none. */
  labelColumn?: string;
  /**
   * Evaluate one brand with a yes/no column (`1/0`, `true/false`, `yes/no`, `y/n`) instead of brand names.
   */
  brand?: string;
  /** Author handle column (account matching uses it). */
  authorColumn?: string;
}

export interface BrandCounts {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface BrandEvaluation {
  rows: number;
  /** Rows whose label could not be read (yes/no mode), by raw value. */
  skipped: Map<string, number>;
  perBrand: Record<string, BrandCounts>;
  /** Micro-averaged over all (row, brand) pairs. */
  overall: BrandCounts;
  /** Labelled brands that are not configured (they can never be matched). */
  unknownBrands: string[];
  /** A few wrong rows per kind, for the user to look at. */
  examples: { kind: 'fp' | 'fn'; brand: string; text: string }[];
}

const YES = new Set(['1', 'true', 'yes', 'y', 't']);
const NO = new Set(['0', 'false', 'no', 'n', 'f', '']);

function counts(tp: number, fp: number, fn: number): BrandCounts {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

function postFor(text: string, i: number, handle: string): Post {
  const now = new Date().toISOString();
  return Post.parse({
    postId: `file:${i}`,
    source: 'file',
    author: { id: handle || `row-${i}`, handle },
    text,
    createdAt: now,
    fetchedAt: now,
  });
}

/** Brand matching of `match` (the enrich step's) against the labelled rows of a CSV or JSON Lines file. */
export function evaluateBrandMatching(
  match: (post: Post) => string[],
  brands: readonly string[],
  format: UserFormat,
  path: string,
  options: BrandLabelOptions = {},
): BrandEvaluation {
  const textColumn = options.textColumn ?? 'text';
  const labelColumn = options.labelColumn ?? (options.brand ? 'label' : 'brand');
  const { rows } = readUserTable(format, path);
  const first = rows[0];
  for (const [col, flag] of [
    [textColumn, '--text-column'],
    [labelColumn, '--label-column'],
    ...(options.authorColumn ? [[options.authorColumn, '--author-column']] : []),
  ] as const) {
    if (first && !(col in first))
      throw new Error(`${path}: no column "${col}" (${flag}); columns are: ${Object.keys(first).join(', ')}`);
  }
  if (options.brand && !brands.includes(options.brand))
    throw new Error(
      `--brand ${options.brand}: not a configured brand (${brands.join(', ') || 'none configured'})`,
    );
  const byLower = new Map(brands.map((b) => [b.toLowerCase(), b]));
  const evaluated = options.brand ? [options.brand] : [...brands];
  const tally = new Map(evaluated.map((b) => [b, { tp: 0, fp: 0, fn: 0 }]));
  const unknown = new Set<string>();
  const skipped = new Map<string, number>();
  const examples: BrandEvaluation['examples'] = [];
  let n = 0;
  rows.forEach((row, i) => {
    const raw = (row[labelColumn] ?? '').trim();
    let gold: Set<string>;
    if (options.brand) {
      const v = raw.toLowerCase();
      if (YES.has(v)) gold = new Set([options.brand]);
      else if (NO.has(v)) gold = new Set();
      else {
        skipped.set(raw, (skipped.get(raw) ?? 0) + 1);
        return;
      }
    } else {
      gold = new Set();
      for (const name of raw.split(/[;|]/)) {
        const t = name.trim();
        if (t === '' || t.toLowerCase() === 'none') continue;
        const known = byLower.get(t.toLowerCase());
        if (known) gold.add(known);
        else unknown.add(t);
      }
    }
    n++;
    const text = row[textColumn] ?? '';
    const got = new Set(match(postFor(text, i, (row[options.authorColumn ?? ''] ?? '').trim())));
    for (const b of evaluated) {
      const t = tally.get(b)!;
      const g = gold.has(b);
      const p = got.has(b);
      if (g && p) t.tp++;
      else if (p) {
        t.fp++;
        if (examples.filter((e) => e.kind === 'fp').length < 5) examples.push({ kind: 'fp', brand: b, text });
      } else if (g) {
        t.fn++;
        if (examples.filter((e) => e.kind === 'fn').length < 5) examples.push({ kind: 'fn', brand: b, text });
      }
    }
  });
  const perBrand: Record<string, BrandCounts> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [b, t] of tally) {
    perBrand[b] = counts(t.tp, t.fp, t.fn);
    tp += t.tp;
    fp += t.fp;
    fn += t.fn;
  }
  return {
    rows: n,
    skipped,
    perBrand,
    overall: counts(tp, fp, fn),
    unknownBrands: [...unknown].sort(),
    examples,
  };
}

export function formatBrandReport(e: BrandEvaluation): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const line = (name: string, c: BrandCounts) =>
    `  ${name.padEnd(20)} precision ${pct(c.precision).padStart(6)}  recall ${pct(c.recall).padStart(6)}  F1 ${pct(c.f1).padStart(6)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;
  const out = [`n=${e.rows} rows`];
  for (const [b, c] of Object.entries(e.perBrand)) out.push(line(b, c));
  if (Object.keys(e.perBrand).length > 1) out.push(line('overall (micro)', e.overall));
  const skipped = [...e.skipped.values()].reduce((a, b) => a + b, 0);
  if (skipped > 0)
    out.push(
      `skipped ${skipped} row(s) whose label is not yes/no: ${[...e.skipped.entries()]
        .slice(0, 8)
        .map(([k, v]) => `${v} × ${JSON.stringify(k)}`)
        .join(', ')}`,
    );
  if (e.unknownBrands.length > 0)
    out.push(`labelled brands that are not configured (never matched): ${e.unknownBrands.join(', ')}`);
  for (const ex of e.examples)
    out.push(
      `  ${ex.kind === 'fp' ? 'false match' : 'missed'} [${ex.brand}] ${ex.text.replace(/\s+/g, ' ').slice(0, 100)}`,
    );
  return out.join('\n');
}
