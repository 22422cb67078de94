/**
 * Tokenisation for sentiment: keeps emoji and emoticons as tokens, marks
 * ALL-CAPS and elongated words ("goooood"), splits French/Italian elisions
 * (n'est → n' est) and tracks sentence and clause positions.
 */
import { stripSocialNoise } from '../language/clean.ts';
import { EMOTICON_PATTERN } from './rules.ts';

export type TokenKind = 'word' | 'emoji' | 'emoticon' | 'punct' | 'number';

export interface Token {
  kind: TokenKind;
  /** Lower-cased, apostrophes normalised; for emoji the base pictograph. */
  norm: string;
  raw: string;
  /** Lower-cased with letter runs squeezed to 2 ("goooood" → "good"). */
  squeezed: string;
  /** The word had a run of ≥3 identical letters. */
  elongated: boolean;
  /** The word was written in capitals (≥3 letters) in a text that is not all caps. */
  shouted: boolean;
  sentence: number;
  clause: number;
}

const EMOJI_SEQ =
  '(?:[\\u{1F1E6}-\\u{1F1FF}]{2}|\\p{Extended_Pictographic}(?:\\u{FE0F}|[\\u{1F3FB}-\\u{1F3FF}])*(?:\\u{200D}\\p{Extended_Pictographic}(?:\\u{FE0F}|[\\u{1F3FB}-\\u{1F3FF}])*)*)';
const WORD = "[\\p{L}\\p{M}](?:[\\p{L}\\p{M}\\p{N}]|['’](?=[\\p{L}]))*['’]?";
const TOKEN_RE = new RegExp(
  [
    `(?<emoticon>(?<=^|\\s)(?:${EMOTICON_PATTERN})(?=$|\\s|[.,!?]))`,
    `(?<emoji>${EMOJI_SEQ})`,
    `(?<word>${WORD})`,
    '(?<number>\\p{N}+(?:[.,]\\p{N}+)*)',
    '(?<punct>[.!?;:,…]+|\\n+)',
  ].join('|'),
  'gu',
);

const ELISION_LANGS = new Set(['fr', 'it']);
const ELISION_RE = /^(qu|[cdjlmnst]|dell|dall|nell|sull|all|un)['’](.+)$/u;

const SENTENCE_END = /[.!?…\n]/;

// The same alternation with plain (numbered) groups: group 1..5 = emoticon, emoji, word, number, punct.
// Named groups make every match allocate a `groups` object; this runs once per token.
const TOKEN_RE_PLAIN = new RegExp(
  TOKEN_RE.source.replace(/\(\?<(?:emoticon|emoji|word|number|punct)>/g, '('),
  'gu',
);

export function squeeze(word: string, max = 2): string {
  return word.replace(/(\p{L})\1+/gu, (m, ch: string) => ch.repeat(Math.min(max, m.length)));
}

/** Bounded memo: cleared when full, so a stream of new words cannot grow it without limit. */
function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= 100_000) cache.clear();
  cache.set(key, value);
  return value;
}

/** 0 not a letter, 1 lower/uncased letter, 2 upper-case letter (`c === upper && c !== lower`). */
const letterClasses = new Map<number, number>();
function letterClass(cp: number): number {
  let c = letterClasses.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    c = !/\p{L}/u.test(ch) ? 0 : ch === ch.toUpperCase() && ch !== ch.toLowerCase() ? 2 : 1;
    letterClasses.set(cp, c);
  }
  return c;
}

/** More than 60% of the letters (code points in \p{L}) are capitals; one pass, no regex for ASCII. */
function isMostlyCaps(text: string): boolean {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u < 0x80) {
      if (u >= 0x41 && u <= 0x5a) {
        letters++;
        upper++;
      } else if (u >= 0x61 && u <= 0x7a) letters++;
      continue;
    }
    const cp = text.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    const c = letterClass(cp);
    if (c > 0) letters++;
    if (c === 2) upper++;
  }
  if (letters === 0) return false;
  return upper / letters > 0.6;
}

/** What a word token's fields derive from its matched text alone (memoised per surface form). */
interface WordForm {
  norm: string;
  squeezed: string;
  elongated: boolean;
  /** ≥3 letters, all capitals: shouted unless the whole text is in capitals. */
  capitals: boolean;
}

function wordForm(raw: string, norm: string): WordForm {
  const letters = raw.replace(/[^\p{L}]/gu, '');
  return {
    norm,
    squeezed: squeeze(norm),
    elongated: /(\p{L})\1\1/u.test(norm),
    capitals: letters.length >= 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
  };
}

/** The word tokens of a matched word: two for an elision ("n'est" → "n'", "est"), else one. */
function wordForms(raw: string, elision: boolean): WordForm[] {
  const w = raw.replace(/’/g, "'").toLowerCase();
  const el = elision ? ELISION_RE.exec(w) : null;
  if (el?.[1] && el[2]) return [wordForm(raw, `${el[1]}'`), wordForm(raw, el[2])];
  if (w.endsWith("'")) return [wordForm(raw, elision ? w : w.slice(0, -1))];
  return [wordForm(raw, w)];
}

const emojiBases = new Map<string, string>();

function emojiBase(seq: string): string {
  let base = emojiBases.get(seq);
  if (base === undefined) {
    const pictos = [...seq].filter((c) => /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]/u.test(c));
    base = remember(emojiBases, seq, pictos[0] ?? seq);
  }
  return base;
}

/** A token of one space-free chunk of text, before sentence and clause numbers and the all-caps test. */
export interface ChunkToken {
  kind: TokenKind;
  raw: string;
  norm: string;
  squeezed: string;
  elongated: boolean;
  /** A word of ≥3 letters, all capitals (shouted unless the whole text is in capitals). */
  capitals: boolean;
  /** Punctuation: ends the clause, and the sentence when it has [.!?…\n]. */
  endsSentence: boolean;
  /**
   * Two one-entry memos for the consumers of tokenizeShared (features.ts, lexicon-model.ts): what the
   * word's norm maps to in the map `entryOwner` / `factsOwner` (its value there when it was looked up),
   * so a word repeated in the same setting costs no map look-up.
   */
  entryOwner: object | null;
  entry: unknown;
  factsOwner: object | null;
  facts: unknown;
}

function chunkToken(
  kind: TokenKind,
  raw: string,
  norm: string,
  squeezed: string,
  elongated: boolean,
  capitals: boolean,
  endsSentence: boolean,
): ChunkToken {
  return {
    kind,
    raw,
    norm,
    squeezed,
    elongated,
    capitals,
    endsSentence,
    entryOwner: null,
    entry: null,
    factsOwner: null,
    facts: null,
  };
}

function chunkTokens(chunk: string, elision: boolean): ChunkToken[] {
  const out: ChunkToken[] = [];
  const plain = (kind: TokenKind, raw: string, norm: string, endsSentence = false) =>
    out.push(chunkToken(kind, raw, norm, norm, false, false, endsSentence));
  TOKEN_RE_PLAIN.lastIndex = 0;
  for (let m = TOKEN_RE_PLAIN.exec(chunk); m !== null; m = TOKEN_RE_PLAIN.exec(chunk)) {
    if (m[1] !== undefined) plain('emoticon', m[1], m[1]);
    else if (m[2] !== undefined) plain('emoji', m[2], emojiBase(m[2]));
    else if (m[3] !== undefined) {
      const raw = m[3];
      for (const f of wordForms(raw, elision))
        out.push(chunkToken('word', raw, f.norm, f.squeezed, f.elongated, f.capitals, false));
    } else if (m[4] !== undefined) plain('number', m[4], m[4]);
    else if (m[5] !== undefined) plain('punct', m[5], m[5], SENTENCE_END.test(m[5]));
  }
  return out;
}

// Chunk → tokens, [other languages, elision languages] (the split of "l'amore" depends on the language).
const chunkCaches = [new Map<string, ChunkToken[]>(), new Map<string, ChunkToken[]>()] as const;

/** Receives the `index`-th token of a text from scanTokens; tokenize and tokenizeShared each pass one. */
type TokenSink = (c: ChunkToken, shouted: boolean, sentence: number, clause: number, index: number) => void;

/**
 * Cleans social noise (URLs, @handles, '#' of tags, HTML entities), splits the text into tokens, hands
 * each to `sink` in order, and returns how many there were.
 *
 * No token contains a space and every look-around of the token pattern treats a space like the start or
 * end of the text, so the space-separated chunks of the cleaned text are tokenised one by one, each once
 * (memoised): texts share most of their chunks, and the pattern is the costly part.
 */
function scanTokens(text: string, lang: string | null | undefined, sink: TokenSink): number {
  const clean = stripSocialNoise(text ?? '', { keepEmoji: true });
  const allCaps = isMostlyCaps(clean);
  const elision = !!lang && ELISION_LANGS.has(lang);
  const cache = chunkCaches[elision ? 1 : 0];
  let n = 0;
  let sentence = 0;
  let clause = 0;
  for (let from = 0; from < clean.length;) {
    let to = clean.indexOf(' ', from);
    if (to < 0) to = clean.length;
    const chunk = clean.slice(from, to);
    from = to + 1;
    const parts = cache.get(chunk) ?? remember(cache, chunk, chunkTokens(chunk, elision));
    for (let q = 0; q < parts.length; q++) {
      const c = parts[q] as ChunkToken;
      sink(c, c.capitals && !allCaps, sentence, clause, n++);
      if (c.kind === 'punct') {
        clause++;
        if (c.endsSentence) sentence++;
      }
    }
  }
  return n;
}

// tokenize's output while it scans (module state rather than a closure: no allocation per call).
const NO_TOKENS: Token[] = [];
let collected: Token[] = NO_TOKENS;

function collect(c: ChunkToken, shouted: boolean, sentence: number, clause: number): void {
  collected.push({
    kind: c.kind,
    raw: c.raw,
    norm: c.norm,
    squeezed: c.squeezed,
    elongated: c.elongated,
    shouted,
    sentence,
    clause,
  });
}

/** Cleans social noise (URLs, @handles, '#' of tags, HTML entities) and splits the text into tokens. */
export function tokenize(text: string, lang?: string | null): Token[] {
  const tokens: Token[] = [];
  collected = tokens;
  scanTokens(text, lang, collect);
  collected = NO_TOKENS;
  return tokens;
}

/** A token of tokenizeShared: a Token and the memoised chunk token it was made from. */
export interface SharedToken extends Token {
  chunk: ChunkToken;
}

const tokenPool: SharedToken[] = [];
const NO_CHUNK = chunkToken('punct', '', '', '', false, false, false);
const sharedTokens: SharedToken[] = [];

/** A new pooled token (every field is set by `share` before use). */
function pooledToken(n: number): SharedToken {
  const t: SharedToken = {
    kind: 'punct',
    raw: '',
    norm: '',
    squeezed: '',
    elongated: false,
    shouted: false,
    sentence: 0,
    clause: 0,
    chunk: NO_CHUNK,
  };
  if (n < 4096) tokenPool.push(t); // (a very long text does not keep its tokens alive)
  return t;
}

function share(c: ChunkToken, shouted: boolean, sentence: number, clause: number, n: number): void {
  const t = tokenPool[n] ?? pooledToken(n);
  t.kind = c.kind;
  t.raw = c.raw;
  t.norm = c.norm;
  t.squeezed = c.squeezed;
  t.elongated = c.elongated;
  t.shouted = shouted;
  t.sentence = sentence;
  t.clause = clause;
  t.chunk = c;
  sharedTokens[n] = t;
}

/**
 * tokenize into shared buffers: the tokens (the same as tokenize's, each with its chunk token) are reused
 * objects, valid until the next call. For the sentiment features, which tokenise every post and keep
 * nothing: one object per token per post was a good part of the garbage collection.
 */
export function tokenizeShared(text: string, lang?: string | null): readonly SharedToken[] {
  sharedTokens.length = scanTokens(text, lang, share);
  return sharedTokens;
}

/** `/n['’]t$/iu.test(raw)` without a regex: English "don't", "ISN’T" (run once per word token). */
export function endsWithNt(raw: string): boolean {
  const n = raw.length;
  if (n < 3) return false;
  const t = raw.charCodeAt(n - 1);
  const q = raw.charCodeAt(n - 2);
  const c = raw.charCodeAt(n - 3);
  return (t === 0x74 || t === 0x54) && (q === 0x27 || q === 0x2019) && (c === 0x6e || c === 0x4e);
}

/** Number of '!' in the text (emphasis cue). */
export function exclamationCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('!'); i >= 0; i = text.indexOf('!', i + 1)) n++;
  return n;
}
