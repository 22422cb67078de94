import { describe, expect, it } from 'vitest';
import { columnsOf, toTabSeparated } from './tsv.ts';

describe('TabSeparated encoding of sink rows', () => {
  it('escapes the characters TabSeparated gives meaning to, writes NULL as \\N and arrays as quoted lists', () => {
    const rows = [
      {
        s: 'a\tb\nc\\d\re',
        n: null,
        i: 9007199254740991,
        f: -0.25,
        big: 18446744073709551615n,
        b: true,
        a: ["it's", 'x\ty', 'back\\slash', '🚲 fiets'],
        e: [],
      },
    ];
    expect(toTabSeparated(rows, columnsOf(rows))).toBe(
      [
        'a\\tb\\nc\\\\d\\re',
        '\\N',
        '9007199254740991',
        '-0.25',
        '18446744073709551615',
        '1',
        "['it\\'s','x\\ty','back\\\\slash','🚲 fiets']",
        '[]',
      ].join('\t') + '\n',
    );
  });

  it('reads each row by column name, whatever the order of its fields', () => {
    const rows = [
      { a: 1, b: 'x' },
      { b: 'y', a: 2 },
    ];
    expect(toTabSeparated(rows, columnsOf(rows))).toBe('1\tx\n2\ty\n');
  });

  it('refuses a batch it cannot carry faithfully (the sink then sends JSONEachRow)', () => {
    const cols = ['a', 'b'];
    expect(toTabSeparated([{ a: 1, b: 'x' }, { a: 2 }], cols)).toBeUndefined(); // missing column
    expect(toTabSeparated([{ a: 1, b: 'x', c: 3 }], cols)).toBeUndefined(); // extra field
    expect(toTabSeparated([{ a: 1, b: 'lone \ud83d' }], cols)).toBeUndefined(); // not UTF-8 encodable
    expect(toTabSeparated([{ a: 1, b: ['ok', '\udc00'] }], cols)).toBeUndefined();
    expect(toTabSeparated([{ a: 1, b: { nested: true } }], cols)).toBeUndefined();
    expect(toTabSeparated([{ a: 1, b: undefined }], cols)).toBeUndefined();
    expect(toTabSeparated([{ a: 1, b: '🚲' }], cols)).toBe('1\t🚲\n'); // a surrogate pair is fine
  });
});
