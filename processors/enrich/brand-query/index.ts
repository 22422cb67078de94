/**
 * Brand matching query language (docs/architecture.md §6): parse brand queries, compile
 * all brands into one indexed matcher, match and explain posts.
 */
export { lex, makePointer, MAX_DISTANCE, QueryParseError, type LexToken } from './lexer.ts';
export {
  formatQuery,
  MAX_NESTING,
  MIN_WILDCARD_PREFIX,
  parseQuery,
  tryParseQuery,
  type AndNode,
  type NearNode,
  type NotNode,
  type OrNode,
  type ParseResult,
  type PhraseNode,
  type QueryNode,
  type TermNode,
} from './parser.ts';
export {
  compileBrands,
  type BrandMatcher,
  type BrandQueryConfig,
  type BrandReason,
  type MatchablePost,
  type MatchExplanation,
  type MatchStats,
  type MatchWithReasons,
  type TermHit,
} from './matcher.ts';
export { fold, tokenize, type TextToken, type TokenKind } from './text.ts';
