/**
 * Text side of brand matching: folding and the post tokenizer.
 *
 * The query parser reduces its terms with these same functions, so a query
 * term and the text it should match are always normalised identically; most
 * matching rules follow from that rather than from special cases.
 *
 * Tokens and their keys (the strings looked up in the brand index):
 * - word     `lumora`               a run of letters/digits; punctuation splits
 *                                    words (`e-bike` → `e`, `bike`).
 * - handle   `@lumora`              an @mention in the text. A fediverse handle
 *                                    `@anna@social.example` also yields `@anna`.
 * - tag      `#lumora`              a hashtag. Its body also yields word tokens
 *                                    (split on `_`), which is why a bare term
 *                                    matches inside hashtags but not handles.
 * - emoji    `🔥`                    one per pictograph (skin tones, ZWJ dropped;
 *                                    ©, ®, ™ are not tokens: they sit inside names).
 * - symbol   `c++`, `.net`          a whitespace-delimited chunk that contains
 *                                    symbols, edge punctuation trimmed, at the
 *                                    position of its first word. Only emitted
 *                                    when asked for (the matcher asks only if
 *                                    some query uses such a term).
 * URLs (`http(s)://…`, `www.…`) produce no tokens: link paths and tracking
 * parameters would otherwise create false matches; links are metadata.
 * Scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) give
 * one token per character, so a CJK brand name becomes a phrase query.
 *
 * Positions count word-like tokens in order (a handle, a tag, an emoji and a
 * word each take one); phrase and NEAR matching compare these positions.
 *
 * The scanner is a hand-written loop over char codes with per-code-point
 * classes cached in a table; text.test.ts keeps the equivalent single regex as
 * its specification and fuzzes the two against each other.
 */

export type TokenKind = 'word' | 'handle' | 'tag' | 'emoji' | 'symbol';

export interface TextToken {
  kind: TokenKind;
  /** Index key: `word`, `@handle`, `#tag`, emoji, or the trimmed symbol chunk. */
  key: string;
  position: number;
}

// Letters that NFKD does not decompose but users type without the accent.
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ς: 'σ',
};
const SPECIAL_RE = /[ßæœøđðłþıħŧς]/g;
// Printable ASCII plus tab/newline: nothing to fold but case.
const ASCII_RE = /^[\t\n\r\x20-\x7e]*$/;
// ™ and ℠ decompose (NFKD) to letters glued to the word: "Lumora™" → "lumoratm".
const TRADEMARK_RE = /[\u2120\u2122]/g;
const MARKS_RE = /\p{M}+/gu;
// Format characters (soft hyphen, ZWJ, bidi marks, BOM) are invisible; dropping
// them also defeats "lu\u00admora"-style evasion. ZWSP separates words, so it
// becomes a space first.
const ZWSP_RE = /\u200b/g;
// Control characters (NUL, BEL, …) in scraped text act as separators.
const CONTROL_RE = /\p{Cc}/gu;
const FORMAT_RE = /\p{Cf}+/gu;

/** Case- and diacritics-insensitive form of a string (NFKD, marks stripped, lower case). */
export function fold(s: string): string {
  if (ASCII_RE.test(s)) return s.toLowerCase();
  return s
    .replace(TRADEMARK_RE, ' ')
    .replace(ZWSP_RE, ' ')
    .replace(CONTROL_RE, ' ')
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .replace(FORMAT_RE, '')
    .toLowerCase()
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c);
}

const NOSPACE =
  '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}';
/**
 * Word characters of the *unfolded* (only lower-cased) text: letters, digits,
 * combining marks and invisible format characters (they are removed when the
 * token is folded, so NFD input and soft hyphens do not split words), except
 * ZWSP and the no-space scripts. A negated class is faster than a lookahead.
 */
const WORDCH = `[^\\s\\p{P}\\p{S}\\p{Z}\\p{Cc}\\p{Cs}\\p{Co}\\p{Cn}\\u200b${NOSPACE}]`;
const HANDLE_BODY = '[\\p{L}\\p{N}\\p{M}_](?:[\\p{L}\\p{N}\\p{M}_.\\-]*[\\p{L}\\p{N}\\p{M}_])?';
const DOMAIN = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\p{M}.\\-]*[\\p{L}\\p{N}\\p{M}])?';
const TAG_BODY = '[\\p{L}\\p{N}\\p{M}_]+';
// ©, ® and ™ are Extended_Pictographic but sit inside names ("Lumora® Buds"):
// as emoji tokens they would take a position and break the phrase.
const EMOJI = '[^\\P{Extended_Pictographic}\\u00a9\\u00ae\\u2120\\u2122]';

/** Validation of folded query handles, tags and wildcard prefixes. */
export const HANDLE_RE = new RegExp(`^${HANDLE_BODY}(?:@${DOMAIN})?$`, 'u');
export const TAG_RE = new RegExp(`^${TAG_BODY}$`, 'u');
export const WORD_RE = /^[\p{L}\p{N}]+$/u;
export const NOSPACE_RE = new RegExp(`[${NOSPACE}]`, 'u');
/** A character that is not a letter or digit (makes a chunk a symbol term). */
const NONWORD_RE = /[^\p{L}\p{N}]/u;
const HAS_WORD_RE = /[\p{L}\p{N}]/u;
const NON_ASCII_RE = /[\u0080-\uffff]/;

// Character classes as bit flags, so the scanner is a plain loop over char
// codes (several times faster than one big Unicode regex with lookbehinds).
const WORD = 1; // continues a word: WORDCH
const SOLO = 2; // no-space script: a token of its own
const EMOJI_CHAR = 4;
const LN = 8; // \p{L} or \p{N}
const MARK = 16; // \p{M}
const SPACE = 32; // \s: ends a URL
const UNDERSCORE = 64;
const KNOWN = 128;
const LNM = LN | MARK;
/** Extra flags for the characters the handle/tag lookbehinds test: `_ @ . / # &`. */
const AT_BLOCK = 256;
const HASH_BLOCK = 512;
const DOT_DASH = 1024;
/** A handle cannot follow a letter, digit or `_@./#&` (e-mail addresses, URLs). */
const BLOCKS_HANDLE = LN | AT_BLOCK;
/** A tag cannot follow a letter, digit or `_&#/` (`a#b`, `&#39;`, URL fragments). */
const BLOCKS_TAG = LN | HASH_BLOCK;

const RE_WORDCH = new RegExp(`^${WORDCH}$`, 'u');
const RE_SOLO = new RegExp(`^[${NOSPACE}]$`, 'u');
const RE_EMOJI = new RegExp(`^${EMOJI}$`, 'u');
const RE_LN = /^[\p{L}\p{N}]$/u;
const RE_MARK = /^\p{M}$/u;
const RE_SPACE = /^\s$/u;

function computeClass(cp: number): number {
  const ch = String.fromCodePoint(cp);
  let c = KNOWN;
  if (RE_WORDCH.test(ch)) c |= WORD;
  if (RE_SOLO.test(ch)) c |= SOLO;
  if (RE_EMOJI.test(ch)) c |= EMOJI_CHAR;
  if (RE_LN.test(ch)) c |= LN;
  if (RE_MARK.test(ch)) c |= MARK;
  if (RE_SPACE.test(ch)) c |= SPACE;
  if (ch === '_') c |= UNDERSCORE | AT_BLOCK | HASH_BLOCK;
  if (ch === '@' || ch === '.') c |= AT_BLOCK;
  if (ch === '#' || ch === '&' || ch === '/') c |= AT_BLOCK | HASH_BLOCK;
  if (ch === '.' || ch === '-') c |= DOT_DASH;
  return c;
}

/** 1 for the ASCII characters that are word characters (letters, digits). */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[a-zA-Z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;

// Filled lazily: each code point is classified by regex once per process.
const CLASSES = new Uint16Array(0x110000);

function charClass(cp: number): number {
  let c = CLASSES[cp] as number;
  if (c === 0) {
    c = computeClass(cp);
    CLASSES[cp] = c;
  }
  return c;
}

function cpAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

function cpBefore(s: string, i: number): number {
  const d = s.charCodeAt(i - 1);
  if (d >= 0xdc00 && d <= 0xdfff && i >= 2) {
    const c = s.charCodeAt(i - 2);
    if (c >= 0xd800 && c <= 0xdbff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return d;
}

/** `(?:https?://|www\.)\S` at i. */
function urlAt(s: string, i: number): boolean {
  let k: number;
  if (s.startsWith('https://', i)) k = i + 8;
  else if (s.startsWith('http://', i)) k = i + 7;
  else if (s.startsWith('www.', i)) k = i + 4;
  else return false;
  return k < s.length && !(charClass(cpAt(s, k)) & SPACE);
}

/** End of the run of characters having any of `flags`, from i. */
function runEnd(s: string, i: number, flags: number): number {
  while (i < s.length) {
    const cp = cpAt(s, i);
    if (!(charClass(cp) & flags)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** End of one part of a handle from `from`: starts with `first`, then `inner` with inner `.`/`-`. */
function handlePart(s: string, from: number, first: number, inner: number): number {
  if (from >= s.length || !(charClass(cpAt(s, from)) & first)) return from;
  let lastGood = from;
  let k = from;
  while (k < s.length) {
    const cp = cpAt(s, k);
    const c = charClass(cp);
    if (!(c & (inner | DOT_DASH))) break;
    k += cp > 0xffff ? 2 : 1;
    if (c & inner) lastGood = k;
  }
  return lastGood;
}

/**
 * `name` or `name@domain` from i (after the '@'), as HANDLE_RE: the name is
 * [LNM_] with inner `.`/`-`, the domain starts with a letter or digit, and
 * neither ends in `.`/`-`. Returns i when there is no handle.
 */
function handleEnd(s: string, i: number): number {
  const end = handlePart(s, i, LNM | UNDERSCORE, LNM | UNDERSCORE);
  if (end === i || s.charCodeAt(end) !== 0x40) return end;
  const domainEnd = handlePart(s, end + 1, LN, LNM);
  return domainEnd > end + 1 ? domainEnd : end;
}

// Folded forms of non-ASCII tokens. Real text repeats its accented words
// ("café", "über"), and a full fold (NFKD + regexes) costs ~0.5 µs; the cache
// is dropped when full rather than managed as an LRU, which is cheaper and
// good enough for a vocabulary with a heavy head.
const FOLD_CACHE_MAX = 50_000;
const foldCache = new Map<string, string>();

function foldCached(t: string): string {
  let f = foldCache.get(t);
  if (f === undefined) {
    f = fold(t);
    if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
    foldCache.set(t, f);
  }
  return f;
}

/** Folds a token of already lower-cased text; ASCII tokens (the vast majority) are returned as they are. */
function foldToken(t: string): string {
  return NON_ASCII_RE.test(t) ? foldCached(t) : t;
}

const LEAD_TRIM = /^[([{<"'“‘«¿¡„]+/u;
const TRAIL_TRIM = /[)\]}>"'”’».,;:!?…]+$/u;

/** Strips punctuation users put around a word in prose ("(c++)," → "c++"); keeps a leading dot (".net"). */
export function trimEdges(chunk: string): string {
  return chunk.replace(LEAD_TRIM, '').replace(TRAIL_TRIM, '');
}

export function isUrl(chunk: string): boolean {
  return chunk.startsWith('http://') || chunk.startsWith('https://') || chunk.startsWith('www.');
}

export function isSymbolChunk(trimmed: string): boolean {
  return NONWORD_RE.test(trimmed);
}

/** The key a whitespace-delimited chunk has as a symbol token: folded, edge punctuation trimmed. */
export function symbolKey(chunk: string): string {
  return trimEdges(fold(chunk));
}

/** Called once per token, in position order (symbol tokens come after all others). */
export type TokenSink = (kind: TokenKind, key: string, position: number) => void;

export interface ScanOptions {
  /** Also emit `symbol` tokens (chunks with symbols). Off by default: it costs a second pass. */
  symbols?: boolean;
  /** Only symbol chunks this predicate accepts are emitted (the matcher passes its vocabulary). */
  symbolFilter?: (key: string) => boolean;
}

/** `starts` of a scan without symbols: never written. */
const NO_STARTS: number[] = [];

/**
 * Tokenizes text, calling `sink` with every folded token. Returns the number
 * of positions used. The text is only lower-cased as a whole; the full fold
 * (NFKD, marks) runs per non-ASCII token, which is much cheaper than folding
 * every post. The callback form lets the matcher drop tokens no query
 * mentions without allocating token objects.
 */
export function scanText(text: string, sink: TokenSink, options: ScanOptions = {}): number {
  const lower = text.toLowerCase();
  const withSymbols = options.symbols === true;
  // Start offset of each position, used to place symbol chunks (only filled, so only allocated, with symbols).
  const starts: number[] = withSymbols ? [] : NO_STARTS;
  let pos = 0;
  const n = lower.length;
  let i = 0;
  while (i < n) {
    const code = lower.charCodeAt(i);
    // ASCII fast path: a lower-case letter or digit starts a word.
    if (code < 128 ? ASCII_WORD[code] === 1 : charClass(cpAt(lower, i)) & WORD) {
      // Only 'h' and 'w' can start a URL; a URL is skipped up to the next whitespace.
      if ((code === 0x68 || code === 0x77) && urlAt(lower, i)) {
        i++;
        while (i < n && !(charClass(cpAt(lower, i)) & SPACE)) i++;
        continue;
      }
      let j = i;
      let ascii = true;
      while (j < n) {
        const d = lower.charCodeAt(j);
        if (d < 128) {
          if (ASCII_WORD[d] !== 1) break;
          j++;
        } else {
          const cp = cpAt(lower, j);
          if (!(charClass(cp) & WORD)) break;
          ascii = false;
          j += cp > 0xffff ? 2 : 1;
        }
      }
      const key = ascii ? lower.slice(i, j) : foldCached(lower.slice(i, j));
      // A run of marks or format characters alone (a stray ZWJ, FE0F) folds to nothing.
      if (key !== '') {
        if (withSymbols) starts.push(i);
        sink('word', key, pos++);
      }
      i = j;
      continue;
    }
    const cp = code < 128 ? code : cpAt(lower, i);
    const w = cp > 0xffff ? 2 : 1;
    if (cp === 0x40 /* @ */ && !(i > 0 && charClass(cpBefore(lower, i)) & BLOCKS_HANDLE)) {
      const end = handleEnd(lower, i + 1);
      if (end > i + 1) {
        if (withSymbols) starts.push(i);
        const h = foldToken(lower.slice(i + 1, end));
        sink('handle', '@' + h, pos);
        const at = h.indexOf('@');
        if (at > 0) sink('handle', '@' + h.slice(0, at), pos);
        pos++;
        i = end;
        continue;
      }
    }
    if (cp === 0x23 /* # */ && !(i > 0 && charClass(cpBefore(lower, i)) & BLOCKS_TAG)) {
      const end = runEnd(lower, i + 1, LNM | UNDERSCORE);
      if (end > i + 1) {
        if (withSymbols) starts.push(i);
        const body = foldToken(lower.slice(i + 1, end));
        sink('tag', '#' + body, pos);
        let k = 0;
        for (const part of body.split('_')) {
          if (part === '') continue;
          if (k > 0 && withSymbols) starts.push(i);
          sink('word', part, pos + k);
          k++;
        }
        pos += Math.max(1, k);
        i = end;
        continue;
      }
    }
    const c = charClass(cp);
    if (c & SOLO) {
      const key = foldCached(lower.slice(i, i + w));
      if (key !== '') {
        if (withSymbols) starts.push(i);
        sink('word', key, pos++);
      }
    } else if (c & EMOJI_CHAR) {
      if (withSymbols) starts.push(i);
      sink('emoji', lower.slice(i, i + w), pos++);
    }
    i += w;
  }
  if (withSymbols && starts.length > 0) scanSymbols(lower, starts, sink, options.symbolFilter);
  return pos;
}

// Control characters separate chunks as they separate words.
const CHUNK_RE = /[^\s\p{Cc}]+/gu;

function scanSymbols(
  lower: string,
  starts: number[],
  sink: TokenSink,
  filter: ((key: string) => boolean) | undefined,
): void {
  CHUNK_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CHUNK_RE.exec(lower)) !== null) {
    const chunk = m[0];
    const c0 = chunk.charCodeAt(0);
    if (c0 === 0x40 /* @ */ || c0 === 0x23 /* # */) continue;
    if (!isSymbolChunk(chunk) || isUrl(chunk)) continue;
    const key = symbolKey(chunk);
    // `(@lumora)` trims to a handle: that token was already emitted as a handle.
    if (key === '' || !isSymbolChunk(key) || key[0] === '@' || key[0] === '#') continue;
    // Query symbol terms always contain a word (`c++`), so wordless chunks (`🔥🔥`, `--`) are never looked up.
    if (!HAS_WORD_RE.test(key)) continue;
    if (filter !== undefined && !filter(key)) continue;
    // First position whose token starts inside this chunk.
    const end = m.index + chunk.length;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((starts[mid] ?? 0) < m.index) lo = mid + 1;
      else hi = mid;
    }
    if (lo < starts.length && (starts[lo] ?? end) < end) sink('symbol', key, lo);
  }
}

/** Folds and tokenizes a post text (all token kinds); for tests, explanations and query analysis. */
export function tokenize(text: string, options: ScanOptions = { symbols: true }): TextToken[] {
  const out: TextToken[] = [];
  scanText(text, (kind, key, position) => out.push({ kind, key, position }), options);
  return out;
}
