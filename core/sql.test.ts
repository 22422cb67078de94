import { describe, expect, it } from 'vitest';
import { ident, sql, sqlIdentifier, sqlLiteral, sqlString, toClickHouseDateTime } from './sql.ts';

describe('sqlString', () => {
  it('quotes plain text', () => {
    expect(sqlString('abc')).toBe("'abc'");
  });

  it.each([
    ["'; DROP TABLE posts; --", "'\\'; DROP TABLE posts; --'"],
    ['back\\slash', "'back\\\\slash'"],
    ["\\'", "'\\\\\\''"],
    ['trailing\\', "'trailing\\\\'"],
    ['nul\0byte', "'nul\\0byte'"],
    ['line\nbreak\r\ttab', "'line\\nbreak\\r\\ttab'"],
  ])('escapes hostile input %j', (input, expected) => {
    expect(sqlString(input)).toBe(expected);
  });

  it('never leaves an unescaped quote inside the literal', () => {
    const hostile = ["'", "''", "\\'", "\\\\'", "a'b'c", "'\\", '\u2019', "x' OR '1'='1"];
    for (const s of hostile) {
      const body = sqlString(s).slice(1, -1);
      // every quote in the body must be preceded by an odd number of backslashes
      for (let i = 0; i < body.length; i++) {
        if (body[i] !== "'") continue;
        let n = 0;
        for (let j = i - 1; j >= 0 && body[j] === '\\'; j--) n++;
        expect(n % 2).toBe(1);
      }
      expect(body.endsWith('\\') && !body.endsWith('\\\\')).toBe(false);
    }
  });

  it('keeps unicode as is', () => {
    expect(sqlString('café 😀 Ω')).toBe("'café 😀 Ω'");
  });
});

describe('sqlLiteral', () => {
  it('binds scalars, dates and arrays', () => {
    expect(sqlLiteral(42)).toBe('42');
    expect(sqlLiteral(-1.5)).toBe('-1.5');
    expect(sqlLiteral(12345678901234567890n)).toBe('12345678901234567890');
    expect(sqlLiteral(true)).toBe('1');
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(new Date('2026-03-01T12:34:56.789Z'))).toBe("toDateTime('2026-03-01 12:34:56', 'UTC')");
    expect(sqlLiteral(['a', "b'"])).toBe("['a', 'b\\'']");
  });

  it('rejects what cannot be bound safely', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow(/non-finite/);
    expect(() => sqlLiteral(Infinity)).toThrow(/non-finite/);
    expect(() => sqlLiteral({} as never)).toThrow(/cannot bind/);
    expect(() => toClickHouseDateTime(new Date('nope'))).toThrow(/invalid Date/);
  });
});

describe('sqlIdentifier and sql``', () => {
  it('accepts plain names and rejects everything else', () => {
    expect(sqlIdentifier('lateral_test_1')).toBe('lateral_test_1');
    for (const bad of ['', '1abc', 'a-b', 'a b', 'a`b', 'posts; DROP', 'a.b', 'ä']) {
      expect(() => sqlIdentifier(bad)).toThrow(/invalid SQL identifier/);
    }
  });

  it('interpolates values as literals and identifiers as names', () => {
    const source = "x' OR 1=1 --";
    expect(sql`SELECT count() FROM ${ident('posts')} WHERE source = ${source} AND n > ${3}`).toBe(
      "SELECT count() FROM posts WHERE source = 'x\\' OR 1=1 --' AND n > 3",
    );
  });
});
