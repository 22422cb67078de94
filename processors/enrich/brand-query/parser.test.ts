import { describe, expect, it } from 'vitest';
import { QueryParseError } from './lexer.ts';
import { formatQuery, MAX_NESTING, parseQuery, tryParseQuery } from './parser.ts';

const fmt = (q: string) => formatQuery(parseQuery(q));

function errorOf(q: string): QueryParseError {
  const r = tryParseQuery(q);
  if (r.ok) throw new Error(`expected ${JSON.stringify(q.slice(0, 50))} to fail, got ${formatQuery(r.ast)}`);
  return r.error;
}

describe('parseQuery: structure and precedence', () => {
  it('binds NOT > NEAR > AND > OR', () => {
    expect(fmt('a OR b AND c')).toBe('(a OR (b AND c))');
    expect(fmt('a AND b OR c AND d')).toBe('((a AND b) OR (c AND d))');
    expect(fmt('a b NEAR/2 c OR d')).toBe('((a AND (b NEAR/2 c)) OR d)');
    expect(fmt('NOT a b')).toBe('(NOT a AND b)');
    expect(fmt('a NEAR/1 b NEAR/4 c')).toBe('(a NEAR/1 b NEAR/4 c)');
    expect(fmt('(a OR b) NEAR/3 "c d"')).toBe('((a OR b) NEAR/3 "c d")');
  });

  it('reads implicit AND, -term and parentheses', () => {
    expect(fmt('apple iphone -pie')).toBe('(apple AND iphone AND NOT pie)');
    expect(fmt('apple AND (iphone OR mac OR ios)')).toBe('(apple AND (iphone OR mac OR ios))');
    expect(fmt('((a))')).toBe('a');
    expect(fmt('a AND NOT b')).toBe('(a AND NOT b)');
    expect(fmt('NOT NOT a')).toBe('NOT NOT a');
  });

  it('folds terms and classifies handles, tags, wildcards and phrases', () => {
    expect(fmt('Crème @Lumora #LumoraBuds lumo* #lum* @lu*')).toBe(
      '(creme AND @lumora AND #lumorabuds AND lumo* AND #lum* AND @lu*)',
    );
    expect(fmt('"Lumora Buds" "lumora buds"~3 "lumora bud*"')).toBe(
      '("lumora buds" AND "lumora buds"~3 AND "lumora bud*")',
    );
    expect(fmt('"lumora"')).toBe('lumora');
    expect(fmt('@anna@Social.Example')).toBe('@anna@social.example');
  });

  it('turns terms the tokenizer splits into phrases and keeps symbol terms whole', () => {
    expect(fmt('e-bike')).toBe('"e bike"');
    expect(fmt("McDonald's")).toBe('"mcdonald s"');
    expect(fmt('c++ .net C#')).toBe('(c++ AND .net AND c#)');
    expect(fmt('(a|b)')).toBe('"a b"');
    expect(fmt('lumora.com')).toBe('"lumora com"');
    expect(fmt('苹果')).toBe('"苹 果"');
    expect(fmt('🔥')).toBe('🔥');
    expect(fmt('lumora!')).toBe('lumora');
  });

  it('records query offsets on nodes', () => {
    const ast = parseQuery('  apple AND "x y"');
    expect(ast).toMatchObject({ kind: 'and', start: 2, end: 17 });
    if (ast.kind !== 'and') throw new Error('and');
    expect(ast.children[1]).toMatchObject({ kind: 'phrase', start: 12, end: 17 });
  });
});

describe('parseQuery: errors point at the position', () => {
  it.each([
    ['', 0, 'found an empty query'],
    ['   ', 0, 'found an empty query'],
    ['a AND AND b', 6, 'found AND'],
    ['AND a', 0, 'found AND'],
    ['a OR', 4, 'found end of query'],
    ['a OR OR b', 5, 'found OR'],
    ['(a OR b', 7, "expected ')' to close '(' at position 0"],
    ['a OR b)', 6, "unexpected ')'"],
    ['()', 1, "inside '()'"],
    ['(a AND)', 6, "found ')'"],
    ['""', 0, 'expected words inside the quotes'],
    ['"a"~2', 0, 'at least two words'],
    ['"a b', 0, 'unterminated phrase'],
    ['*', 0, 'expected letters or digits'],
    ['l*', 1, 'at least 2 characters'],
    ['lu*ra', 2, "'*' only at the end"],
    ['"lumora b*"', 9, 'at least 2 characters'],
    ['e-b*', 0, 'expected letters or digits'],
    ['@', 1, 'expected a handle'],
    ['#', 1, 'expected a hashtag'],
    ['@!!', 1, 'expected a handle'],
    ['#a-b', 1, 'expected a hashtag'],
    ['!!!', 0, 'letters, digits or emoji'],
    ['https://lumora.com', 0, 'not a URL'],
    ['a NEAR/-1 b', 7, 'expected a number'],
    ['a NEAR/x b', 7, 'expected a number'],
    ['a NEAR/2', 8, 'found end of query'],
    ['NEAR/2 a', 0, 'found NEAR/2'],
    ['a NEAR/2 (b AND c)', 9, 'NEAR operand, found AND'],
    ['NOT a NEAR/2 b', 0, 'NEAR operand, found NOT'],
    ['a NEAR/2 (b OR NOT c)', 15, 'NEAR operand, found NOT'],
  ])('%j → position %i', (q, position, message) => {
    const err = errorOf(q);
    expect(err).toBeInstanceOf(QueryParseError);
    expect(err.position).toBe(position);
    expect(err.message).toContain(message);
    expect(err.pointer.split('\n')[1]).toBe(' '.repeat(position) + '^');
  });

  it('names what was expected in the message', () => {
    expect(errorOf('a AND AND b').message).toBe(
      "expected a term, phrase, @handle, #tag, NOT or '(', found AND (at position 6)",
    );
  });

  it('throws from parseQuery', () => {
    expect(() => parseQuery('a AND')).toThrow(QueryParseError);
  });
});

describe('parseQuery: hostile input', () => {
  it('rejects 10,000 nested parentheses with a clear error instead of overflowing the stack', () => {
    const q = '('.repeat(10_000) + 'a' + ')'.repeat(10_000);
    const err = errorOf(q);
    expect(err.message).toContain(`at most ${MAX_NESTING} levels of nesting`);
    expect(err.position).toBe(MAX_NESTING);
  });

  it('accepts nesting up to the limit', () => {
    const q = '('.repeat(MAX_NESTING) + 'a' + ')'.repeat(MAX_NESTING);
    expect(fmt(q)).toBe('a');
  });

  it('rejects 10,000 stacked NOTs and minus signs', () => {
    expect(errorOf('NOT '.repeat(10_000) + 'a').message).toContain('levels of nesting');
    expect(errorOf('-'.repeat(10_000) + 'a').message).toContain('levels of nesting');
  });

  it('parses a 100k-character query quickly (flat OR, AND and NEAR chains)', () => {
    const terms = Array.from({ length: 12_500 }, (_, i) => `t${i}`);
    for (const op of [' OR ', ' ', ' NEAR/2 ']) {
      const q = terms.join(op).padEnd(100_000, ' ');
      expect(q.length).toBeGreaterThanOrEqual(100_000);
      const t0 = performance.now();
      parseQuery(q);
      expect(performance.now() - t0).toBeLessThan(2000);
    }
  });

  it('reports errors at the end of a 100k-character query with a short pointer', () => {
    const q = 'a OR '.repeat(20_000);
    const err = errorOf(q);
    expect(err.position).toBe(q.length);
    expect(err.pointer.length).toBeLessThan(200);
  });

  it('handles regex metacharacters and unicode as plain text', () => {
    for (const q of ['.*', 'a{2}', '[abc]', '^lumora$', '\\d+', 'a|b', '$(rm -rf)', '(?=x)']) {
      const r = tryParseQuery(q);
      // Either a clean parse or a positioned QueryParseError, never another exception.
      if (!r.ok) expect(r.error.position).toBeGreaterThanOrEqual(0);
    }
    expect(fmt('Ærø AND 東京 AND Ελληνικά AND עברית')).toBe('(aero AND "東 京" AND ελληνικα AND עברית)');
  });

  it('rejects control characters at their position', () => {
    const err = errorOf('lumora\u0001 OR x');
    expect(err.position).toBe(6);
    expect(err.pointer).toContain('␁');
  });
});
