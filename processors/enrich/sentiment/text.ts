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

export function squeeze(word: string, max = 2): string {
  return word.replace(/(\p{L})\1+/gu, (m, ch: string) => ch.repeat(Math.min(max, m.length)));
}

function isMostlyCaps(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return false;
  const upper = letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length;
  return upper / letters.length > 0.6;
}

/**
 * Cleans social noise (URLs, @handles, '#' of tags, HTML entities) and splits
 * the text into tokens.
 */
export function tokenize(text: string, lang?: string | null): Token[] {
  const clean = stripSocialNoise(text ?? '', { keepEmoji: true });
  const allCaps = isMostlyCaps(clean);
  const tokens: Token[] = [];
  let sentence = 0;
  let clause = 0;
  const push = (kind: TokenKind, raw: string, norm: string) => {
    const elongated = kind === 'word' && /(\p{L})\1\1/u.test(norm);
    const letters = raw.replace(/[^\p{L}]/gu, '');
    const shouted =
      kind === 'word' &&
      !allCaps &&
      letters.length >= 3 &&
      letters === letters.toUpperCase() &&
      letters !== letters.toLowerCase();
    tokens.push({
      kind,
      raw,
      norm,
      squeezed: kind === 'word' ? squeeze(norm) : norm,
      elongated,
      shouted,
      sentence,
      clause,
    });
  };
  for (const m of clean.matchAll(TOKEN_RE)) {
    const g = m.groups ?? {};
    if (g.emoticon) push('emoticon', g.emoticon, g.emoticon);
    else if (g.emoji) {
      const base = [...g.emoji].filter((c) => /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]/u.test(c));
      push('emoji', g.emoji, base[0] ?? g.emoji);
    } else if (g.word) {
      const w = g.word.replace(/’/g, "'").toLowerCase();
      const el = lang && ELISION_LANGS.has(lang) ? ELISION_RE.exec(w) : null;
      if (el?.[1] && el[2]) {
        push('word', g.word, `${el[1]}'`);
        push('word', g.word, el[2]);
      } else if (w.endsWith("'")) {
        push('word', g.word, lang && ELISION_LANGS.has(lang) ? w : w.slice(0, -1));
      } else {
        push('word', g.word, w);
      }
    } else if (g.number) push('number', g.number, g.number);
    else if (g.punct) {
      push('punct', g.punct, g.punct);
      clause++;
      if (SENTENCE_END.test(g.punct)) sentence++;
    }
  }
  return tokens;
}

/** Number of '!' in the text (emphasis cue). */
export function exclamationCount(text: string): number {
  return (text.match(/!/g) ?? []).length;
}
