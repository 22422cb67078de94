/**
 * Rows → ClickHouse `TabSeparated` text, the cheapest insert format @clickhouse/client streams that ClickHouse
 * 18.16 and modern both read (test/bench/sink-format-bench.ts measures it against JSONEachRow and CSV;
 * JSONCompactEachRow is not an input format on 18.16). Values stay exact: strings are escaped (backslash, tab,
 * newline, carriage return), `null` is `\N` (Nullable), arrays are `['a','b']` with quoted, escaped elements,
 * numbers are written as JavaScript prints them (integers up to 2^53 exactly, bigint as digits).
 *
 * Rows the format cannot carry faithfully are not encoded (`undefined`): a row without one of the columns
 * (JSONEachRow would use the column default), with an extra field (JSONEachRow rejects it), with a nested
 * object, or with a string that is not well-formed UTF-16 (a lone surrogate, which UTF-8 cannot hold: the
 * server rejects it in JSONEachRow with code 25, while text encoding would silently replace it). The sink
 * inserts such a batch as JSONEachRow, so ClickHouse answers for it exactly as before.
 */

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const QUOTED_SPECIAL = /[\\'\t\n\r]/g;
const QUOTED_ESCAPES: Record<string, string> = { ...ESCAPES, "'": "\\'" };

// String.prototype.isWellFormed (Node 20) is ES2024, past this project's TypeScript lib.
const wellFormed = (s: string) => (s as unknown as { isWellFormed(): boolean }).isWellFormed();
const escape = (s: string) => (SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : s);
const quote = (s: string) => `'${s.replace(QUOTED_SPECIAL, (c) => QUOTED_ESCAPES[c]!)}'`;

function scalar(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return wellFormed(v) ? escape(v) : undefined;
    case 'number':
      return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? '1' : '0';
    default:
      return v === null ? '\\N' : undefined;
  }
}

function element(v: unknown): string | undefined {
  if (typeof v === 'string') return wellFormed(v) ? quote(v) : undefined;
  if (v === null) return 'NULL';
  if (Array.isArray(v)) return array(v);
  return scalar(v);
}

function array(values: unknown[]): string | undefined {
  let out = '[';
  for (let i = 0; i < values.length; i++) {
    const e = element(values[i]);
    if (e === undefined) return undefined;
    out += i === 0 ? e : `,${e}`;
  }
  return `${out}]`;
}

/** The columns of a batch: the fields of its first row, in their order. */
export function columnsOf(rows: readonly object[]): string[] {
  return rows.length === 0 ? [] : Object.keys(rows[0]!);
}

/** The batch as TabSeparated text for `columns`, or `undefined` when a row cannot be carried faithfully. */
export function toTabSeparated(rows: readonly object[], columns: readonly string[]): string | undefined {
  const lines: string[] = [];
  const n = columns.length;
  const fields = new Array<string>(n);
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    for (let i = 0; i < n; i++) {
      const v = r[columns[i]!];
      const text =
        typeof v === 'string'
          ? wellFormed(v)
            ? escape(v)
            : undefined
          : Array.isArray(v)
            ? array(v)
            : scalar(v);
      if (text === undefined) return undefined;
      fields[i] = text;
    }
    if (Object.keys(r).length !== n) return undefined;
    lines.push(fields.join('\t'));
  }
  lines.push('');
  return lines.join('\n');
}
