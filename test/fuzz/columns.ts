import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Column types of the shipped tables, read from the migrations themselves (CREATE TABLE, ADD and MODIFY COLUMN), and a
 * check that a row as the sink sends it (JSONEachRow) fits them: what ClickHouse would reject (a lone
 * surrogate, code 25) or store wrongly (an out-of-range DateTime becomes 0000-00-00, a count above UInt32
 * wraps) is reported instead.
 */
const MIGRATIONS = fileURLToPath(new URL('../../schema/migrations/', import.meta.url));

/** Splits a column list on top-level commas (Enum8('a' = 1, 'b' = 2) has commas of its own). */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of body) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (!quoted && depth === 0 && ch === ',') {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

const stripComments = (sql: string) => sql.replace(/--[^\n]*/g, '');

export function tableColumns(): Map<string, Map<string, string>> {
  const tables = new Map<string, Map<string, string>>();
  const files = readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  for (const file of files) {
    const sql = stripComments(readFileSync(MIGRATIONS + file, 'utf8'));
    for (const m of sql.matchAll(/CREATE TABLE(?: IF NOT EXISTS)?\s+(\w+)\s*\(([\s\S]*?)\)\s*ENGINE/gi)) {
      const columns = new Map<string, string>();
      for (const part of splitTopLevel(m[2]!)) {
        const col = /^\s*(\w+)\s+([\s\S]+?)\s*$/.exec(part);
        if (col)
          columns.set(col[1]!, col[2]!.replace(/\s+(DEFAULT|MATERIALIZED|ALIAS|CODEC)\b[\s\S]*$/i, ''));
      }
      tables.set(m[1]!, columns);
    }
    for (const m of sql.matchAll(
      /ALTER TABLE\s+(\w+)\s+(?:ADD|MODIFY) COLUMN(?: IF NOT EXISTS| IF EXISTS)?\s+(\w+)\s+([\s\S]+?)(?:\s+(?:DEFAULT|AFTER|CODEC)\b[^;]*)?;/gi,
    )) {
      tables.get(m[1]!)?.set(m[2]!, m[3]!.trim());
    }
  }
  return tables;
}

const INT_RANGES: Record<string, [bigint, bigint]> = {
  UInt8: [0n, 255n],
  UInt16: [0n, 65_535n],
  UInt32: [0n, 4_294_967_295n],
  UInt64: [0n, 18_446_744_073_709_551_615n],
  Int8: [-128n, 127n],
  Int16: [-32_768n, 32_767n],
  Int32: [-2_147_483_648n, 2_147_483_647n],
  Int64: [-9_223_372_036_854_775_808n, 9_223_372_036_854_775_807n],
};
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** DateTime is UInt32 seconds; 18.16 stores anything outside as zero or wrapped. */
const DATETIME_MAX = Date.UTC(2106, 1, 7, 6, 28, 15);

/** Why `value` does not fit a column of `type`, or null when it does. */
export function misfit(type: string, value: unknown): string | null {
  const inner = /^(Nullable|Array)\(([\s\S]*)\)$/.exec(type);
  if (inner?.[1] === 'Nullable') return value === null ? null : misfit(inner[2]!, value);
  if (inner?.[1] === 'Array') {
    if (!Array.isArray(value)) return `not an array: ${typeof value}`;
    for (const v of value) {
      const why = misfit(inner[2]!, v);
      if (why) return `element ${why}`;
    }
    return null;
  }
  if (type === 'String') {
    if (typeof value !== 'string') return `not a string: ${typeof value}`;
    return !LONE_SURROGATE.test(value) ? null : 'string with a lone surrogate (not valid UTF-8)';
  }
  if (type in INT_RANGES) {
    if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'bigint') {
      return `not a number: ${typeof value}`;
    }
    if (typeof value === 'number' && !Number.isSafeInteger(value)) return `not a safe integer: ${value}`;
    if (typeof value === 'string' && !/^-?\d+$/.test(value)) return `not an integer: ${value}`;
    const [lo, hi] = INT_RANGES[type]!;
    const n = BigInt(value);
    return n < lo || n > hi ? `${n} outside ${type}` : null;
  }
  if (type === 'Float32' || type === 'Float64') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `not a finite number: ${String(value)}`;
    return type === 'Float32' && Math.abs(value) > 3.4e38 ? `${value} outside Float32` : null;
  }
  if (/^DateTime(\('UTC'\))?$/.test(type)) {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) {
      return `not a DateTime text: ${String(value).slice(0, 40)}`;
    }
    const t = Date.parse(`${value.replace(' ', 'T')}Z`);
    return Number.isNaN(t) || t < 0 || t > DATETIME_MAX ? `${value} outside DateTime` : null;
  }
  const en = /^Enum(?:8|16)\(([\s\S]*)\)$/.exec(type);
  if (en) {
    const names = [...en[1]!.matchAll(/'((?:[^'\\]|\\.)*)'\s*=/g)].map((m) => m[1]);
    return typeof value === 'string' && names.includes(value) ? null : `${String(value)} not in ${type}`;
  }
  return `column type ${type} unknown to the checker`;
}

/** Every problem of one row against its table: unknown keys and values that do not fit. */
export function rowMisfits(columns: Map<string, string>, row: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(row)) {
    const type = columns.get(key);
    if (type === undefined) {
      problems.push(`${key}: no such column`);
      continue;
    }
    const why = misfit(type, value);
    if (why) problems.push(`${key} (${type}): ${why}`);
  }
  return problems;
}
