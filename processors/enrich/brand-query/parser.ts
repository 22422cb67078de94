/**
 * Parser for brand queries: recursive descent over the lexer's tokens into a
 * small AST.
 *
 * Grammar (precedence NOT > NEAR > AND > OR; AND is implicit between operands):
 *   or      := and ('OR' and)*
 *   and     := near (['AND'] near)*
 *   near    := unary ('NEAR/n' unary)*
 *   unary   := ('NOT' | '-') unary | primary
 *   primary := term | phrase ['~n'] | '(' or ')'
 *
 * Terms are analysed with the post tokenizer (text.ts), so a term that the
 * tokenizer would split (`e-bike`, `mcdonald's`) becomes an exact phrase of its
 * parts, and a single word with symbols (`c++`, `.net`) becomes a symbol term
 * matched against the same trimmed chunk in the text. `term*` is a prefix
 * wildcard on words, @handles and #tags (at least 2 characters before `*`);
 * wildcards also work inside phrases.
 *
 * `"a b"~n` and `a NEAR/n b` mean the same for two words: both occur, in
 * either order, with at most n other words between them (Brandwatch's
 * reading of "within n words": `NEAR/2` matches "logitech bluetooth solar
 * keyboard" but not one word more; `NEAR/0` = adjacent). For k words, `~n`
 * allows at most n other words interleaved in total (a window of n + k
 * positions). NEAR operands must be terms, phrases, NEAR chains or OR-groups
 * of those (positions of AND/NOT are undefined).
 *
 * Nesting (parentheses and NOT) is limited to MAX_NESTING levels, so hostile
 * input ends in a clear error instead of a stack overflow; chains of AND, OR
 * and NEAR are built as flat lists and add no depth.
 */
import { lex, QueryParseError, type LexToken } from './lexer.ts';
import {
  fold,
  HANDLE_RE,
  isSymbolChunk,
  isUrl,
  NOSPACE_RE,
  scanText,
  symbolKey,
  TAG_RE,
  trimEdges,
  WORD_RE,
  type TokenKind,
} from './text.ts';

export const MAX_NESTING = 100;
export const MIN_WILDCARD_PREFIX = 2;

interface Span {
  /** Offsets into the query text, for errors and explanations. */
  start: number;
  end: number;
}

/** One index key: a word, `@handle`, `#tag`, emoji or symbol chunk, or a prefix of one. */
export interface TermNode extends Span {
  kind: 'term';
  field: TokenKind;
  /** Folded index key, with the sigil for handles and tags (`@lumora`, `#lumora`). */
  key: string;
  /** `key*`: matches every key that starts with `key`. */
  prefix: boolean;
}

export interface PhraseNode extends Span {
  kind: 'phrase';
  terms: TermNode[];
  /** Absent: exact adjacent order. Present: proximity `~n`, any order. */
  slop?: number;
}

export interface AndNode extends Span {
  kind: 'and';
  children: QueryNode[];
}

export interface OrNode extends Span {
  kind: 'or';
  children: QueryNode[];
}

export interface NotNode extends Span {
  kind: 'not';
  child: QueryNode;
}

/** `a NEAR/d0 b NEAR/d1 c`, evaluated left to right: ((a NEAR b) NEAR c). */
export interface NearNode extends Span {
  kind: 'near';
  operands: QueryNode[];
  /** distances[i] joins operands[0..i] with operands[i + 1]. */
  distances: number[];
}

export type QueryNode = TermNode | PhraseNode | AndNode | OrNode | NotNode | NearNode;

const EXPECTED_OPERAND = "expected a term, phrase, @handle, #tag, NOT or '('";

function describe(tok: LexToken, query: string): string {
  switch (tok.type) {
    case 'eof':
      return 'end of query';
    case 'and':
      return 'AND';
    case 'or':
      return 'OR';
    case 'not':
      return 'NOT';
    case 'near':
      return query.slice(tok.start, tok.end);
    case 'rparen':
      return "')'";
    default:
      return `'${query.slice(tok.start, tok.end)}'`;
  }
}

/**
 * Analyses one whitespace-free chunk of a term or phrase into index terms.
 * `offset` is the chunk's offset in the query (for error positions).
 */
function analyzeChunk(raw: string, offset: number, query: string): TermNode[] {
  const end = offset + raw.length;
  const star = raw.indexOf('*');
  if (star !== -1 && star !== raw.length - 1) {
    throw new QueryParseError(
      `expected '*' only at the end of a term (prefix wildcard)`,
      query,
      offset + star,
    );
  }
  const prefix = star !== -1;
  const body = prefix ? raw.slice(0, -1) : raw;
  const sigil = body[0] === '@' || body[0] === '#' ? body[0] : '';
  if (sigil !== '') {
    let name = fold(body.slice(1));
    if (!prefix) name = trimEdges(name);
    const valid = sigil === '@' ? HANDLE_RE : TAG_RE;
    if (!valid.test(name)) {
      const what = sigil === '@' ? 'a handle (letters, digits, _ . -)' : 'a hashtag (letters, digits, _)';
      throw new QueryParseError(`expected ${what} after '${sigil}'`, query, offset + 1);
    }
    if (prefix && [...name].length < MIN_WILDCARD_PREFIX) {
      throw new QueryParseError(
        `expected at least ${MIN_WILDCARD_PREFIX} characters before '*'`,
        query,
        offset + star,
      );
    }
    return [
      {
        kind: 'term',
        field: sigil === '@' ? 'handle' : 'tag',
        key: sigil + name,
        prefix,
        start: offset,
        end,
      },
    ];
  }
  const folded = fold(body);
  if (prefix) {
    if (NOSPACE_RE.test(folded)) {
      // Those scripts are indexed per character, so a multi-character prefix could never match.
      throw new QueryParseError(
        `expected no '*' on Chinese, Japanese or Thai text (write the characters)`,
        query,
        offset,
      );
    }
    if (!WORD_RE.test(folded)) {
      throw new QueryParseError(
        `expected letters or digits before '*' (wildcards apply to words, @handles and #tags)`,
        query,
        offset,
      );
    }
    if ([...folded].length < MIN_WILDCARD_PREFIX) {
      throw new QueryParseError(
        `expected at least ${MIN_WILDCARD_PREFIX} characters before '*'`,
        query,
        offset + star,
      );
    }
    return [{ kind: 'term', field: 'word', key: folded, prefix: true, start: offset, end }];
  }
  const trimmed = symbolKey(body);
  if (isUrl(trimmed)) {
    throw new QueryParseError(
      `expected a term, not a URL (links are not matched in post text; a domain like lumora.com works)`,
      query,
      offset,
    );
  }
  // One token per position, as the text has it (a tag's own key before its words).
  const parts: { kind: TokenKind; key: string }[] = [];
  scanText(body, (kind, key, position) => {
    if (parts.length === position) parts.push({ kind, key });
  });
  if (parts.length === 0) {
    throw new QueryParseError(`expected a term with letters, digits or emoji`, query, offset);
  }
  if (parts.length === 1 && isSymbolChunk(trimmed) && parts[0]?.kind === 'word') {
    // `c++`, `.net`: matched as the whole chunk, not as the bare word inside it.
    return [{ kind: 'term', field: 'symbol', key: trimmed, prefix: false, start: offset, end }];
  }
  return parts.map((p) => ({ kind: 'term', field: p.kind, key: p.key, prefix: false, start: offset, end }));
}

class Parser {
  private i = 0;

  constructor(
    private readonly query: string,
    private readonly tokens: LexToken[],
  ) {}

  private peek(): LexToken {
    return this.tokens[this.i] as LexToken;
  }

  private next(): LexToken {
    return this.tokens[this.i++] as LexToken;
  }

  private fail(message: string, tok: LexToken = this.peek()): never {
    throw new QueryParseError(message, this.query, tok.start);
  }

  parse(): QueryNode {
    const node = this.parseOr(0);
    const tok = this.peek();
    if (tok.type === 'rparen') this.fail(`unexpected ')' with no matching '('`);
    if (tok.type !== 'eof')
      this.fail(`expected an operator or end of query, found ${describe(tok, this.query)}`);
    return node;
  }

  private parseOr(depth: number): QueryNode {
    const first = this.parseAnd(depth);
    if (this.peek().type !== 'or') return first;
    const children = [first];
    while (this.peek().type === 'or') {
      this.next();
      children.push(this.parseAnd(depth));
    }
    return { kind: 'or', children, start: first.start, end: (children.at(-1) as QueryNode).end };
  }

  private startsOperand(tok: LexToken): boolean {
    return (
      tok.type === 'term' ||
      tok.type === 'phrase' ||
      tok.type === 'lparen' ||
      tok.type === 'not' ||
      tok.type === 'minus'
    );
  }

  private parseAnd(depth: number): QueryNode {
    const first = this.parseNear(depth);
    const children = [first];
    for (;;) {
      const tok = this.peek();
      if (tok.type === 'and') this.next();
      else if (!this.startsOperand(tok)) break;
      children.push(this.parseNear(depth));
    }
    if (children.length === 1) return first;
    return { kind: 'and', children, start: first.start, end: (children.at(-1) as QueryNode).end };
  }

  private parseNear(depth: number): QueryNode {
    const first = this.parseUnary(depth);
    if (this.peek().type !== 'near') return first;
    this.checkNearOperand(first);
    const operands = [first];
    const distances: number[] = [];
    while (this.peek().type === 'near') {
      const tok = this.next() as Extract<LexToken, { type: 'near' }>;
      distances.push(tok.distance);
      const operand = this.parseUnary(depth);
      this.checkNearOperand(operand);
      operands.push(operand);
    }
    return { kind: 'near', operands, distances, start: first.start, end: (operands.at(-1) as QueryNode).end };
  }

  /** NEAR needs positions: only terms, phrases, NEAR and OR of those have them. */
  private checkNearOperand(node: QueryNode): void {
    const stack = [node];
    while (stack.length > 0) {
      const n = stack.pop() as QueryNode;
      if (n.kind === 'or') stack.push(...n.children);
      else if (n.kind === 'and' || n.kind === 'not') {
        throw new QueryParseError(
          `expected a term, phrase or OR-group as NEAR operand, found ${n.kind.toUpperCase()} (use parentheses around NEAR)`,
          this.query,
          n.start,
        );
      }
    }
  }

  private parseUnary(depth: number): QueryNode {
    const tok = this.peek();
    if (tok.type === 'not' || tok.type === 'minus') {
      if (depth >= MAX_NESTING) this.fail(`expected at most ${MAX_NESTING} levels of nesting`);
      this.next();
      const child = this.parseUnary(depth + 1);
      return { kind: 'not', child, start: tok.start, end: child.end };
    }
    return this.parsePrimary(depth);
  }

  private parsePrimary(depth: number): QueryNode {
    const tok = this.peek();
    switch (tok.type) {
      case 'term': {
        this.next();
        return this.sequence(analyzeChunk(tok.text, tok.start, this.query), tok);
      }
      case 'phrase': {
        this.next();
        const terms: TermNode[] = [];
        const chunk = /\S+/g;
        let m: RegExpExecArray | null;
        while ((m = chunk.exec(tok.text)) !== null) {
          terms.push(...analyzeChunk(m[0], tok.textStart + m.index, this.query));
        }
        if (terms.length === 0) this.fail(`expected words inside the quotes`, tok);
        if (tok.slop !== undefined && terms.length < 2) {
          this.fail(`expected at least two words in a proximity phrase "…"~n`, tok);
        }
        return this.sequence(terms, tok, tok.slop);
      }
      case 'lparen': {
        if (depth >= MAX_NESTING) this.fail(`expected at most ${MAX_NESTING} levels of nesting`);
        this.next();
        if (this.peek().type === 'rparen') this.fail(`${EXPECTED_OPERAND} inside '()'`);
        const inner = this.parseOr(depth + 1);
        const close = this.peek();
        if (close.type !== 'rparen') {
          this.fail(
            `expected ')' to close '(' at position ${tok.start}, found ${describe(close, this.query)}`,
          );
        }
        this.next();
        return { ...inner, start: tok.start, end: close.end };
      }
      default:
        return this.fail(`${EXPECTED_OPERAND}, found ${describe(tok, this.query)}`);
    }
  }

  private sequence(terms: TermNode[], tok: LexToken, slop?: number): QueryNode {
    if (terms.length === 1 && slop === undefined)
      return { ...(terms[0] as TermNode), start: tok.start, end: tok.end };
    const node: PhraseNode = { kind: 'phrase', terms, start: tok.start, end: tok.end };
    if (slop !== undefined) node.slop = slop;
    return node;
  }
}

/** Parses a brand query; throws QueryParseError with the position of the problem. */
export function parseQuery(query: string): QueryNode {
  const tokens = lex(query);
  if (tokens.length === 1) throw new QueryParseError(`${EXPECTED_OPERAND}, found an empty query`, query, 0);
  return new Parser(query, tokens).parse();
}

export type ParseResult = { ok: true; ast: QueryNode } | { ok: false; error: QueryParseError };

/** parseQuery without throwing (for config validation that collects errors). */
export function tryParseQuery(query: string): ParseResult {
  try {
    return { ok: true, ast: parseQuery(query) };
  } catch (err) {
    if (err instanceof QueryParseError) return { ok: false, error: err };
    throw err;
  }
}

/** Renders an AST back to query syntax with explicit parentheses (tests, debugging). */
export function formatQuery(node: QueryNode): string {
  const term = (t: TermNode) => (t.prefix ? `${t.key}*` : t.key);
  switch (node.kind) {
    case 'term':
      return term(node);
    case 'phrase':
      return `"${node.terms.map(term).join(' ')}"${node.slop !== undefined ? `~${node.slop}` : ''}`;
    case 'and':
      return `(${node.children.map(formatQuery).join(' AND ')})`;
    case 'or':
      return `(${node.children.map(formatQuery).join(' OR ')})`;
    case 'not':
      return `NOT ${formatQuery(node.child)}`;
    case 'near':
      return `(${node.operands.map((o, i) => (i === 0 ? '' : ` NEAR/${node.distances[i - 1]} `) + formatQuery(o)).join('')})`;
  }
}
