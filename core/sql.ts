/**
 * The one place where values become ClickHouse SQL text.
 *
 * ClickHouse 18.16 has no query parameters (`{x:Type}`), so every value that reaches SQL goes through
 * `sqlLiteral` (values) or `sqlIdentifier` (names). Never concatenate user input into SQL any other way.
 */

export type SqlValue = string | number | bigint | boolean | Date | null | readonly SqlValue[];

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** Quotes a string as a ClickHouse string literal; backslash escapes are what ClickHouse parses. */
export function sqlString(value: string): string {
  return `'${value.replace(/[\\'\0\n\r\t\b\f]/g, (ch) => ESCAPES[ch] ?? ch)}'`;
}

/** `YYYY-MM-DD hh:mm:ss` in UTC, the DateTime text form every ClickHouse version parses. */
export function toClickHouseDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new TypeError('invalid Date');
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function sqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return sqlString(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot bind non-finite number ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return `toDateTime(${sqlString(toClickHouseDateTime(value))}, 'UTC')`;
  if (Array.isArray(value)) return `[${value.map((v) => sqlLiteral(v)).join(', ')}]`;
  throw new TypeError(`cannot bind value of type ${typeof value}`);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A database, table or column name; only plain names are accepted, so no quoting games are possible. */
export function sqlIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new TypeError(`invalid SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

/**
 * Tagged template that binds every interpolated value as a literal:
 * sql`SELECT count() FROM posts WHERE source = ${source}`.
 * Use `ident(name)` to interpolate a validated identifier instead.
 */
export function sql(strings: TemplateStringsArray, ...values: (SqlValue | Identifier)[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += value instanceof Identifier ? value.name : sqlLiteral(value);
    out += strings[i + 1] ?? '';
  });
  return out;
}

export class Identifier {
  readonly name: string;
  constructor(name: string) {
    this.name = sqlIdentifier(name);
  }
}

export function ident(name: string): Identifier {
  return new Identifier(name);
}
