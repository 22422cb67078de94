import { describe, expect, it } from 'vitest';
import { lex, makePointer, QueryParseError } from './lexer.ts';

const types = (q: string) => lex(q).map((t) => t.type);

function errorOf(fn: () => unknown): QueryParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof QueryParseError) return err;
    throw err;
  }
  throw new Error('expected a QueryParseError');
}

describe('lex', () => {
  it('recognises upper-case keywords only', () => {
    expect(types('a AND b OR NOT c NEAR/3 d')).toEqual([
      'term',
      'and',
      'term',
      'or',
      'not',
      'term',
      'near',
      'term',
      'eof',
    ]);
    expect(types('a and b or not c')).toEqual(['term', 'term', 'term', 'term', 'term', 'term', 'eof']);
    expect(types('NEARBY ANDROID')).toEqual(['term', 'term', 'eof']);
  });

  it('treats a leading - as NOT but keeps inner hyphens in terms', () => {
    expect(lex('-apple e-bike -"x y" -(a)').map((t) => t.type)).toEqual([
      'minus',
      'term',
      'term',
      'minus',
      'phrase',
      'minus',
      'lparen',
      'term',
      'rparen',
      'eof',
    ]);
  });

  it('reads phrases with straight and curly quotes and proximity', () => {
    const [p1, p2] = lex('"lumora buds"~4 “fiets fabriek”');
    expect(p1).toMatchObject({
      type: 'phrase',
      text: 'lumora buds',
      slop: 4,
      start: 0,
      end: 15,
      textStart: 1,
    });
    expect(p2).toMatchObject({ type: 'phrase', text: 'fiets fabriek', slop: undefined });
  });

  it('ends terms at parentheses and quotes, not at regex metacharacters', () => {
    expect(lex('(a|b) c++ .net [x]').map((t) => (t.type === 'term' ? t.text : t.type))).toEqual([
      'lparen',
      'a|b',
      'rparen',
      'c++',
      '.net',
      '[x]',
      'eof',
    ]);
  });

  it.each([
    ['a NEAR/-1 b', 7, 'expected a number'],
    ['a NEAR/x b', 7, 'expected a number'],
    ['a NEAR/ b', 7, 'expected a number'],
    ['a NEAR/3x b', 8, 'expected a number'],
    ['a NEAR b', 6, "expected '/n'"],
    ['a NEAR/5000 b', 7, 'at most 1000'],
    ['"a b"~ c', 6, 'expected a number'],
    ['"a b"~-1', 6, 'expected a number'],
    ['x "abc', 2, 'unterminated phrase'],
    ['a - b', 3, "after '-'"],
    ['a\u0007b', 1, 'control character U+0007'],
    ['a\u0000', 1, 'control character U+0000'],
  ])('rejects %j at %i', (q, position, message) => {
    const err = errorOf(() => lex(q));
    expect(err.position).toBe(position);
    expect(err.message).toContain(message);
  });

  it('accepts NEAR/0 and ~0 (adjacent, either order)', () => {
    expect(lex('a NEAR/0 b "c d"~0')).toMatchObject([
      { type: 'term' },
      { type: 'near', distance: 0 },
      { type: 'term' },
      { type: 'phrase', slop: 0 },
      { type: 'eof' },
    ]);
  });

  it('accepts tabs and newlines as whitespace', () => {
    expect(types('a\tOR\nb\r\n')).toEqual(['term', 'or', 'term', 'eof']);
  });
});

describe('makePointer', () => {
  it('puts a caret under the position', () => {
    expect(makePointer('a AND AND b', 6)).toBe('a AND AND b\n      ^');
    expect(makePointer('abc', 3)).toBe('abc\n   ^');
  });

  it('shows a window of long queries', () => {
    const q = 'x'.repeat(1000) + ' AND ) ' + 'y'.repeat(1000);
    const [line, caret] = makePointer(q, 1005).split('\n') as [string, string];
    expect(line.length).toBeLessThan(100);
    expect(line.startsWith('…')).toBe(true);
    expect(line.endsWith('…')).toBe(true);
    expect([...line][caret.length - 1]).toBe(')');
  });

  it('keeps the caret aligned after emoji and control characters', () => {
    const [line, caret] = makePointer('🔥\t( x', 3).split('\n') as [string, string];
    expect(line).toBe('🔥␉( x');
    expect([...line][caret.length - 1]).toBe('(');
  });
});
