/**
 * Lexer for brand queries. Splits a query into operators, parentheses, bare
 * terms and quoted phrases; what a term means (word, @handle, #tag, wildcard,
 * symbol term) is decided by the parser, which shares the post tokenizer.
 *
 * Keywords are upper case only (`AND`, `OR`, `NOT`, `NEAR/n`); lower-case
 * `and`/`or`/`not` are ordinary terms, and a quoted `"AND"` searches the word.
 * `-x` at the start of an operand is `NOT x`. Straight and curly double quotes
 * (“ ” „) delimit phrases because users paste queries from documents.
 */

export const MAX_DISTANCE = 1000;

/** A query that cannot be parsed: where, what was expected, and a caret pointer. */
export class QueryParseError extends Error {
  override readonly name = 'QueryParseError';
  /** 0-based UTF-16 offset into the query. */
  readonly position: number;
  readonly query: string;
  /** Two lines: (a window of) the query, and a caret under the position. */
  readonly pointer: string;
  /** Set by compileBrands: which brand and which of its queries failed. */
  brand?: string;
  field?: 'query' | 'exclude';
  /** The message without brand context or position, e.g. "expected ')' …". */
  readonly reason: string;

  constructor(reason: string, query: string, position: number) {
    const pos = Math.max(0, Math.min(position, query.length));
    super(`${reason} (at position ${pos})`);
    this.reason = reason;
    this.position = pos;
    this.query = query;
    this.pointer = makePointer(query, pos);
  }

  /** Multi-line form for logs and CLI output. */
  format(): string {
    const where = this.brand !== undefined ? `brand ${this.brand} ${this.field ?? 'query'}: ` : '';
    return `${where}${this.message}\n${this.pointer}`;
  }
}

const WINDOW = 40;

/**
 * Query excerpt with a caret under `pos`. Long queries are cut to a window
 * around the position, and control characters are shown as their Unicode
 * control pictures (␀, ␉, ␊) so the caret stays aligned on one line.
 */
export function makePointer(query: string, pos: number): string {
  let from = Math.max(0, pos - WINDOW);
  let to = Math.min(query.length, pos + WINDOW);
  // Do not split a surrogate pair at the window edges.
  if (from > 0 && isLowSurrogate(query.charCodeAt(from))) from--;
  if (to < query.length && isLowSurrogate(query.charCodeAt(to))) to++;
  const visible = (s: string) =>
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is being replaced
    s.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => {
      const code = c.charCodeAt(0);
      return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
    });
  const head = (from > 0 ? '…' : '') + visible(query.slice(from, pos));
  const tail = visible(query.slice(pos, to)) + (to < query.length ? '…' : '');
  // Count code points, not UTF-16 units, so an emoji before the caret counts once.
  const column = [...head].length;
  return `${head}${tail}\n${' '.repeat(column)}^`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export type LexToken =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus' | 'eof'; start: number; end: number }
  | { type: 'near'; distance: number; start: number; end: number }
  /** A bare chunk as written: `lumora`, `@lumora`, `#tag`, `lumo*`, `c++`. */
  | { type: 'term'; text: string; start: number; end: number }
  /** `"…"` with optional `~n`; `textStart` is the offset of the phrase's first character. */
  | { type: 'phrase'; text: string; textStart: number; slop?: number; start: number; end: number };

const QUOTES = new Set(['"', '“', '”', '„']);
// Tab, LF and CR are whitespace (multi-line queries in YAML); other C0/C1 controls are errors.
// eslint-disable-next-line no-control-regex -- detecting control characters is the point
const CONTROL_RE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;
const WS_RE = /\s/;

function isBoundary(ch: string | undefined): boolean {
  return ch === undefined || ch === '(' || ch === ')' || QUOTES.has(ch) || WS_RE.test(ch);
}

/**
 * Reads `n` of `NEAR/n` or `~n` starting at `at`; throws with a position on
 * anything else. n counts the words allowed between the operands, as in
 * Brandwatch (`NEAR/0f` = adjacent), so 0 is valid: adjacent, either order.
 */
function readDistance(query: string, at: number, after: string): { distance: number; end: number } {
  let end = at;
  while (end < query.length && query.charCodeAt(end) >= 0x30 && query.charCodeAt(end) <= 0x39) end++;
  if (end === at || !isBoundary(query[end])) {
    throw new QueryParseError(
      `expected a number after '${after}' (e.g. ${after}3)`,
      query,
      end === at ? at : end,
    );
  }
  const digits = query.slice(at, end);
  const distance = digits.length > 6 ? Infinity : Number(digits);
  if (distance > MAX_DISTANCE) {
    throw new QueryParseError(`expected a distance of at most ${MAX_DISTANCE} after '${after}'`, query, at);
  }
  return { distance, end };
}

/** Splits a query into tokens. Linear in the query length; throws QueryParseError. */
export function lex(query: string): LexToken[] {
  const control = CONTROL_RE.exec(query);
  if (control !== null) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new QueryParseError(
      `expected printable text, found control character U+${code}`,
      query,
      control.index,
    );
  }
  const tokens: LexToken[] = [];
  const n = query.length;
  let i = 0;
  while (i < n) {
    const ch = query[i] as string;
    if (WS_RE.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'lparen' : 'rparen', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (QUOTES.has(ch)) {
      const start = i;
      let close = i + 1;
      while (close < n && !QUOTES.has(query[close] as string)) close++;
      if (close >= n) throw new QueryParseError(`unterminated phrase: expected a closing '"'`, query, start);
      const text = query.slice(start + 1, close);
      i = close + 1;
      let slop: number | undefined;
      if (query[i] === '~') {
        const d = readDistance(query, i + 1, '~');
        slop = d.distance;
        i = d.end;
      }
      tokens.push({ type: 'phrase', text, textStart: start + 1, slop, start, end: i });
      continue;
    }
    if (ch === '-') {
      // `-x` is NOT x only where an operand starts; inside a word (`e-bike`) it is part of the term.
      const after = query[i + 1];
      if (after === undefined || after === ')' || WS_RE.test(after)) {
        throw new QueryParseError(`expected a term, phrase or '(' after '-'`, query, i + 1);
      }
      tokens.push({ type: 'minus', start: i, end: i + 1 });
      i++;
      continue;
    }
    const start = i;
    while (i < n && !isBoundary(query[i])) i++;
    const text = query.slice(start, i);
    if (text === 'AND' || text === 'OR' || text === 'NOT') {
      tokens.push({ type: text === 'AND' ? 'and' : text === 'OR' ? 'or' : 'not', start, end: i });
    } else if (text === 'NEAR' || text.startsWith('NEAR/')) {
      if (text === 'NEAR') throw new QueryParseError(`expected '/n' after NEAR (e.g. NEAR/3)`, query, i);
      const d = readDistance(query, start + 5, 'NEAR/');
      tokens.push({ type: 'near', distance: d.distance, start, end: d.end });
    } else {
      tokens.push({ type: 'term', text, start, end: i });
    }
  }
  tokens.push({ type: 'eof', start: n, end: n });
  return tokens;
}
