/**
 * Evaluation helpers: accuracy, macro-F1 and confusion matrix, and a runner
 * over labelled corpora on disk (`umsab` folders, `pattern-csv` files).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadDataset, loadPatternCsv, loadUmsab, umsabLanguageOf, type DatasetFormat } from './datasets.ts';
import { SENTIMENT_LABELS, type LabelledText, type SentimentLabel, type SentimentScorer } from './types.ts';

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Metrics<L extends string = SentimentLabel> {
  n: number;
  accuracy: number;
  macroF1: number;
  /** Labels in row/column order of the confusion matrix. */
  labels: L[];
  /** confusion[gold][predicted] */
  confusion: number[][];
  perClass: Partial<Record<L, ClassMetrics>>;
}

/**
 * Accuracy, macro-F1 (mean of per-class F1 over `labels`) and the confusion
 * matrix. `labels` defaults to the labels seen in gold or predictions, in
 * negative/neutral/positive order.
 */
export function evaluate<L extends string = SentimentLabel>(
  predictions: readonly L[],
  gold: readonly L[],
  labels?: readonly L[],
): Metrics<L> {
  if (predictions.length !== gold.length) {
    throw new Error(`evaluate: ${predictions.length} predictions for ${gold.length} gold labels`);
  }
  const seen = new Set<string>([...gold, ...predictions]);
  const known: readonly string[] = SENTIMENT_LABELS;
  const labs: L[] = labels
    ? [...labels]
    : [
        ...(known.filter((l) => seen.has(l)) as L[]),
        ...([...seen].filter((l) => !known.includes(l)).sort() as L[]),
      ];
  const idx = new Map(labs.map((l, i) => [l, i]));
  const confusion = labs.map(() => labs.map(() => 0));
  let correct = 0;
  for (let k = 0; k < gold.length; k++) {
    const g = gold[k] as L;
    const p = predictions[k] as L;
    if (g === p) correct++;
    const gi = idx.get(g);
    const pi = idx.get(p);
    if (gi !== undefined && pi !== undefined) (confusion[gi] as number[])[pi]! += 1;
  }
  const perClass: Metrics<L>['perClass'] = {};
  let f1sum = 0;
  labs.forEach((l, i) => {
    const tp = confusion[i]?.[i] ?? 0;
    const support = (confusion[i] ?? []).reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + (row[i] ?? 0), 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[l] = { precision, recall, f1, support };
    f1sum += f1;
  });
  return {
    n: gold.length,
    accuracy: gold.length ? correct / gold.length : 0,
    macroF1: labs.length ? f1sum / labs.length : 0,
    labels: labs,
    confusion,
    perClass,
  };
}

/** Binary decision for two-class corpora: sign of the score (0 counts as positive). */
export function binaryLabel(score: number): SentimentLabel {
  return score < 0 ? 'negative' : 'positive';
}

export interface DatasetResult {
  name: string;
  lang: string | undefined;
  binary: boolean;
  metrics: Metrics;
}

export interface SentimentEvaluation extends Metrics {
  format: DatasetFormat;
  path: string;
  model: string;
  datasets: DatasetResult[];
  formatReport(): string;
}

export interface EvaluateOptions {
  /** UMSAB split (default 'val'). */
  split?: string;
  /** Force a language instead of the one derived from folder/file names. */
  lang?: string;
  /** Binary (sign of score) instead of the model's 3-class label. Default: true for pattern-csv. */
  binary?: boolean;
}

/** Scores labelled items and evaluates them. */
export function evaluateItems(
  items: readonly LabelledText[],
  scorer: SentimentScorer,
  options: { lang?: string; binary?: boolean } = {},
): Metrics {
  const binary = options.binary ?? !items.some((x) => x.label === 'neutral');
  const preds = items.map((x) => {
    const r = scorer.score(x.text, { lang: options.lang ?? x.lang ?? null });
    return binary ? binaryLabel(r.score) : r.label;
  });
  const labels: SentimentLabel[] | undefined = binary ? ['negative', 'positive'] : [...SENTIMENT_LABELS];
  return evaluate(
    preds,
    items.map((x) => x.label),
    labels,
  );
}

function listDatasets(format: DatasetFormat, path: string): { name: string; path: string }[] {
  if (!existsSync(path)) throw new Error(`not found: ${path}`);
  if (!statSync(path).isDirectory()) return [{ name: basename(path), path }];
  if (format === 'umsab') {
    // a language folder, or a root holding language folders
    if (existsSync(join(path, 'val_text.txt')) || existsSync(join(path, 'train_text.txt'))) {
      return [{ name: basename(path), path }];
    }
    return readdirSync(path)
      .sort()
      .filter((d) => statSync(join(path, d)).isDirectory() && umsabLanguageOf(d) !== undefined)
      .map((d) => ({ name: d, path: join(path, d) }));
  }
  return readdirSync(path)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => ({ name: f, path: join(path, f) }));
}

export function evaluateSentimentOnPath(
  format: DatasetFormat,
  path: string,
  scorer: SentimentScorer,
  options: EvaluateOptions = {},
): SentimentEvaluation {
  const binary = options.binary ?? format === 'pattern-csv';
  const datasets: DatasetResult[] = [];
  const allPred: SentimentLabel[] = [];
  const allGold: SentimentLabel[] = [];
  for (const ds of listDatasets(format, path)) {
    const items = format === 'umsab' ? loadUmsab(ds.path, options.split ?? 'val') : loadPatternCsv(ds.path);
    const lang = options.lang ?? items[0]?.lang;
    const preds = items.map((x) => {
      const r = scorer.score(x.text, { lang: options.lang ?? x.lang ?? null });
      return binary ? binaryLabel(r.score) : r.label;
    });
    const gold = items.map((x) => x.label);
    const labels: SentimentLabel[] = binary ? ['negative', 'positive'] : [...SENTIMENT_LABELS];
    datasets.push({ name: ds.name, lang, binary, metrics: evaluate(preds, gold, labels) });
    allPred.push(...preds);
    allGold.push(...gold);
  }
  const overall = evaluate(allPred, allGold, binary ? ['negative', 'positive'] : [...SENTIMENT_LABELS]);
  const result: SentimentEvaluation = {
    ...overall,
    format,
    path,
    model: scorer.model,
    datasets,
    formatReport: () => formatReport(result),
  };
  return result;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function formatMetrics<L extends string>(
  m: Metrics<L>,
  indent = '',
  short: (label: string) => string = (l) => l.slice(0, 3),
): string {
  const lines = [`${indent}n=${m.n}  accuracy ${pct(m.accuracy)}  macro-F1 ${pct(m.macroF1)}`];
  const w = Math.max(5, ...m.confusion.flat().map((x) => String(x).length + 1));
  lines.push(`${indent}  gold\\pred ${m.labels.map((l) => short(l).padStart(w)).join('')}`);
  m.labels.forEach((l, i) => {
    lines.push(
      `${indent}  ${short(l).padEnd(9)} ${(m.confusion[i] ?? []).map((x) => String(x).padStart(w)).join('')}`,
    );
  });
  return lines.join('\n');
}

export function formatReport(e: SentimentEvaluation): string {
  const out = [`model ${e.model}  format ${e.format}  path ${e.path}`];
  for (const d of e.datasets) {
    out.push(`${d.name}${d.lang ? ` (${d.lang})` : ''}${d.binary ? ' [binary: sign of score]' : ''}`);
    out.push(formatMetrics(d.metrics, '  '));
  }
  if (e.datasets.length > 1) {
    out.push('overall');
    out.push(formatMetrics(e, '  '));
  }
  return out.join('\n');
}

export { loadDataset };
