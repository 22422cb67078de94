/**
 * Loaders for labelled sentiment corpora:
 * - `umsab`: cardiffnlp/xlm-t UMSAB layout, `<dir>/<split>_text.txt` + `<dir>/<split>_labels.txt`
 *   (one tweet per line; labels 0 negative, 1 neutral, 2 positive);
 * - `pattern-csv`: clips/pattern polarity CSVs (two columns, one of them the
 *   polarity -1/1, the other the review; the column order differs per file).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { labelFromIndex, type LabelledText, type SentimentLabel } from './types.ts';
import { parse } from 'csv-parse/sync';

/** UMSAB folder names → ISO 639-1. */
export const UMSAB_LANGUAGES: Record<string, string> = {
  english: 'en',
  german: 'de',
  french: 'fr',
  spanish: 'es',
  italian: 'it',
  portuguese: 'pt',
  arabic: 'ar',
  hindi: 'hi',
};

/** Undoes the escaping found in UMSAB text files (CSV-style quotes, `\uXXXX`). */
export function decodeUmsabLine(line: string): string {
  let t = line.replace(/\s+$/, '');
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    t = t.slice(1, -1).replace(/""/g, '"');
  }
  t = t.replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  t = t.replace(/\\"/g, '"').replace(/"{2,}/g, '"');
  return t;
}

function readLines(path: string): string[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Language of a UMSAB folder from its name ('.../german' → 'de'), if known. */
export function umsabLanguageOf(dir: string): string | undefined {
  return UMSAB_LANGUAGES[basename(dir.replace(/[/\\]+$/, '')).toLowerCase()];
}

/**
 * Loads one UMSAB split. `path` is the language folder (split defaults to
 * 'val'), or a `*_text.txt` file (its `*_labels.txt` sibling is used).
 */
export function loadUmsab(path: string, split = 'val'): LabelledText[] {
  let textPath: string;
  let labelPath: string;
  let langDir: string;
  if (existsSync(path) && statSync(path).isDirectory()) {
    textPath = join(path, `${split}_text.txt`);
    labelPath = join(path, `${split}_labels.txt`);
    langDir = path;
  } else {
    textPath = path;
    labelPath = path.replace(/_text\.txt$/, '_labels.txt');
    langDir = join(path, '..');
  }
  const texts = readLines(textPath);
  const labels = readLines(labelPath);
  if (texts.length !== labels.length) {
    throw new Error(`${textPath}: ${texts.length} texts but ${labels.length} labels`);
  }
  const lang = umsabLanguageOf(langDir);
  return texts.map((raw, i) => {
    const n = Number((labels[i] ?? '').trim());
    const item: LabelledText = { text: decodeUmsabLine(raw), label: labelFromIndex(n) };
    if (lang) item.lang = lang;
    return item;
  });
}

/**
 * RFC 4180 CSV (quoted fields may hold commas, quotes and newlines) with csv-parse: a leading BOM and empty
 * lines are skipped, rows may differ in length, and a stray quote inside an unquoted field is kept as text
 * (exports from spreadsheets and scrapers have them).
 */
export function parseCsv(input: string): string[][] {
  return parse(input, {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    // Files mix line endings (a CRLF header, LF rows): any of them ends a record.
    record_delimiter: ['\r\n', '\n', '\r'],
  }) as string[][];
}

function polarityOf(field: string): SentimentLabel | null {
  const v = field.replace(/[\uFEFF"\s]/g, '');
  if (v === '1' || v === '+1' || v === '1.0') return 'positive';
  if (v === '-1' || v === '-1.0') return 'negative';
  if (v === '0') return 'neutral';
  return null;
}

/** Language from a pattern file name such as `nl-bol.com.dev.csv` or `polarity-fr-amazon.csv`. */
export function patternCsvLanguageOf(path: string): string | undefined {
  const m = /(?:^|[-_./])(nl|de|en|fr|es|it|pt)(?=[-_.])/.exec(basename(path));
  return m?.[1];
}

/** Loads a Pattern polarity CSV; the polarity column is found per row. */
export function loadPatternCsv(path: string): LabelledText[] {
  const rows = parseCsv(readFileSync(path, 'utf8'));
  const lang = patternCsvLanguageOf(path);
  const out: LabelledText[] = [];
  for (const row of rows) {
    if (row.length < 2) continue;
    const a = polarityOf(row[0] ?? '');
    const b = polarityOf(row[row.length - 1] ?? '');
    let label: SentimentLabel | null;
    let text: string;
    if (a && !b) {
      label = a;
      text = row.slice(1).join(',');
    } else if (b && !a) {
      label = b;
      text = row.slice(0, -1).join(',');
    } else {
      continue; // header or malformed row
    }
    const item: LabelledText = { text: text.trim(), label };
    if (lang) item.lang = lang;
    out.push(item);
  }
  return out;
}

export type DatasetFormat = 'umsab' | 'pattern-csv';

export function loadDataset(format: DatasetFormat, path: string, split?: string): LabelledText[] {
  return format === 'umsab' ? loadUmsab(path, split) : loadPatternCsv(path);
}
