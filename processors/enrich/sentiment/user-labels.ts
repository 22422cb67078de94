/**
 * A user's own labelled export (CSV with a header row, or JSON Lines) read as labelled texts, so any model can
 * be measured on it: `lateral eval sentiment --format csv|jsonl --text-column C --label-column L`.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from './datasets.ts';
import { SENTIMENT_LABELS, type LabelledText, type SentimentLabel } from './types.ts';

export type UserFormat = 'csv' | 'jsonl';

export interface UserTableOptions {
  /** Column (CSV header) or key (JSON Lines) of the text; default `text`. */
  textColumn?: string;
  /** Column or key of the label; default `label`. */
  labelColumn?: string;
  /** Optional column or key of an ISO 639-1 language per row. */
  langColumn?: string;
}

/** Rows of a CSV (first row = header) or JSON Lines file as string records; the row number is kept for errors. */
export function readUserTable(format: UserFormat, path: string): { rows: Record<string, string>[] } {
  const raw = readFileSync(path, 'utf8');
  if (format === 'csv') {
    const [header, ...body] = parseCsv(raw);
    if (!header) return { rows: [] };
    const names = header.map((h) => h.trim());
    return {
      rows: body.map((cells) => Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']))),
    };
  }
  const rows: Record<string, string>[] = [];
  raw.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new Error(`${path}:${i + 1}: not JSON: ${(err as Error).message}`, { cause: err });
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new Error(`${path}:${i + 1}: expected a JSON object per line`);
    rows.push(
      Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          v === null || v === undefined ? '' : Array.isArray(v) ? v.join(';') : String(v),
        ]),
      ),
    );
  });
  return { rows };
}

/**
 * Label normaliser. Recognised without a map: `negative`/`neutral`/`positive` (any case, also `neg`/`neu`/`pos`)
 * and `-1`/`0`/`1`. `map` (from `--labels`) adds or overrides names: `bad=negative,ok=neutral,good=positive`.
 */
export function labelReader(map?: string): (raw: string) => SentimentLabel | null {
  const table = new Map<string, SentimentLabel>();
  for (const l of SENTIMENT_LABELS) {
    table.set(l, l);
    table.set(l.slice(0, 3), l);
  }
  table.set('-1', 'negative');
  table.set('0', 'neutral');
  table.set('1', 'positive');
  table.set('+1', 'positive');
  if (map) {
    for (const pair of map.split(',')) {
      if (pair.trim() === '') continue;
      const eq = pair.lastIndexOf('=');
      const from = eq > 0 ? pair.slice(0, eq).trim().toLowerCase() : '';
      const to =
        eq > 0
          ? pair
              .slice(eq + 1)
              .trim()
              .toLowerCase()
          : '';
      const target = SENTIMENT_LABELS.find((l) => l === to || l.slice(0, 3) === to);
      if (!from || !target)
        throw new Error(
          `--labels: "${pair.trim()}" is not NAME=negative|neutral|positive (e.g. bad=negative,ok=neutral,good=positive)`,
        );
      table.set(from, target);
    }
  }
  return (raw) => {
    const key = raw.trim().replace(/^"|"$/g, '').toLowerCase();
    const hit = table.get(key);
    if (hit) return hit;
    // numeric forms such as 1.0 / -1.0
    const n = Number(key);
    if (key !== '' && Number.isFinite(n) && (n === -1 || n === 0 || n === 1))
      return table.get(String(n)) ?? null;
    return null;
  };
}

export interface UserLabelled {
  items: LabelledText[];
  /** Rows whose label was not recognised, by the raw label value. */
  skipped: Map<string, number>;
  /** Rows with an empty text. */
  emptyText: number;
}

function requireColumn(rows: readonly Record<string, string>[], column: string, flag: string, path: string) {
  const first = rows[0];
  if (first && !(column in first)) {
    throw new Error(
      `${path}: no column "${column}" (${flag}); columns are: ${Object.keys(first).join(', ') || '(none)'}`,
    );
  }
}

/** Labelled texts from a user's file; rows with other labels are skipped and counted. */
export function loadUserLabelled(
  format: UserFormat,
  path: string,
  options: UserTableOptions & { labels?: string } = {},
): UserLabelled {
  const textColumn = options.textColumn ?? 'text';
  const labelColumn = options.labelColumn ?? 'label';
  const { rows } = readUserTable(format, path);
  requireColumn(rows, textColumn, '--text-column', path);
  requireColumn(rows, labelColumn, '--label-column', path);
  if (options.langColumn) requireColumn(rows, options.langColumn, '--lang-column', path);
  const read = labelReader(options.labels);
  const items: LabelledText[] = [];
  const skipped = new Map<string, number>();
  let emptyText = 0;
  for (const row of rows) {
    const text = (row[textColumn] ?? '').trim();
    const rawLabel = row[labelColumn] ?? '';
    const label = read(rawLabel);
    if (!label) {
      skipped.set(rawLabel, (skipped.get(rawLabel) ?? 0) + 1);
      continue;
    }
    if (text === '') {
      emptyText++;
      continue;
    }
    const lang = options.langColumn ? (row[options.langColumn] ?? '').trim().toLowerCase() : '';
    items.push(lang ? { text, label, lang } : { text, label });
  }
  return { items, skipped, emptyText };
}

/** "skipped 3 rows with other labels (2 × "mixed", 1 × "")" or '' */
export function skippedReport(loaded: Pick<UserLabelled, 'skipped' | 'emptyText'>): string {
  const lines: string[] = [];
  const total = [...loaded.skipped.values()].reduce((a, b) => a + b, 0);
  if (total > 0) {
    const top = [...loaded.skipped.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, n]) => `${n} × ${JSON.stringify(k.slice(0, 40))}`);
    lines.push(
      `skipped ${total} row${total === 1 ? '' : 's'} with other labels (${top.join(', ')}${loaded.skipped.size > 8 ? ', …' : ''}); map them with --labels`,
    );
  }
  if (loaded.emptyText > 0) lines.push(`skipped ${loaded.emptyText} row(s) with an empty text`);
  return lines.join('\n');
}
