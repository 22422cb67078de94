import { describe, expect, it } from 'vitest';
import { fold, tokenize, type TextToken } from './text.ts';

const keys = (text: string, kind?: TextToken['kind']) =>
  tokenize(text)
    .filter((t) => (kind === undefined ? t.kind !== 'symbol' : t.kind === kind))
    .map((t) => t.key);

describe('fold', () => {
  it('is case- and diacritics-insensitive', () => {
    expect(fold('Crème Brûlée')).toBe('creme brulee');
    expect(fold('Müller ÜBER')).toBe('muller uber');
    expect(fold('São Paulo, Łódź, Ørsted, Straße')).toBe('sao paulo, lodz, orsted, strasse');
    expect(fold('İstanbul')).toBe('istanbul');
  });

  it('applies compatibility decomposition (full width, ligatures) but keeps ™ from gluing onto words', () => {
    expect(fold('ｌｕｍｏｒａ')).toBe('lumora');
    expect(fold('ﬁets')).toBe('fiets');
    expect(fold('Lumora™')).toBe('lumora ');
  });

  it('drops invisible format characters and treats ZWSP as a space', () => {
    expect(fold('lu\u00admora')).toBe('lumora');
    expect(fold('lu\u200dmora\u200bbuds')).toBe('lumora buds');
  });
});

describe('tokenize', () => {
  it('splits on punctuation and numbers positions', () => {
    expect(tokenize('Hello, world! e-bike')).toEqual([
      { kind: 'word', key: 'hello', position: 0 },
      { kind: 'word', key: 'world', position: 1 },
      { kind: 'word', key: 'e', position: 2 },
      { kind: 'word', key: 'bike', position: 3 },
      { kind: 'symbol', key: 'e-bike', position: 2 },
    ]);
  });

  it('recognises handles, fediverse handles and hashtags, but not e-mail addresses', () => {
    expect(keys('@Lumora hi @anna@social.example mail info@lumora.com', 'handle')).toEqual([
      '@lumora',
      '@anna@social.example',
      '@anna',
    ]);
    expect(keys('(@lumora) and @bob.', 'handle')).toEqual(['@lumora', '@bob']);
    expect(keys('#Lumora #lumora_buds a#b &#39;', 'tag')).toEqual(['#lumora', '#lumora_buds']);
  });

  it('gives hashtag bodies word tokens at the tag position', () => {
    expect(tokenize('#Lumora_Buds rock').filter((t) => t.kind !== 'symbol')).toEqual([
      { kind: 'tag', key: '#lumora_buds', position: 0 },
      { kind: 'word', key: 'lumora', position: 0 },
      { kind: 'word', key: 'buds', position: 1 },
      { kind: 'word', key: 'rock', position: 2 },
    ]);
  });

  it('drops URLs entirely', () => {
    expect(keys('see https://lumora.com/buds?utm=lumora and www.lumora.nl now')).toEqual([
      'see',
      'and',
      'now',
    ]);
  });

  it('keeps emoji as tokens and splits scripts without spaces per character', () => {
    expect(keys('love it🔥👍🏽')).toEqual(['love', 'it', '🔥', '👍']);
    expect(keys('我爱苹果')).toEqual(['我', '爱', '苹', '果']);
  });

  it('emits symbol chunks with edge punctuation trimmed, at their first word', () => {
    const sym = tokenize('I code (C++), .NET. and F#!').filter((t) => t.kind === 'symbol');
    expect(sym).toEqual([
      { kind: 'symbol', key: 'c++', position: 2 },
      { kind: 'symbol', key: '.net', position: 3 },
      { kind: 'symbol', key: 'f#', position: 5 },
    ]);
  });

  it('survives control characters, lone surrogates and huge input', () => {
    expect(keys('a\u0000b\u0007c \ud800 d')).toEqual(['a', 'b', 'c', 'd']);
    // Control characters separate words like spaces do, so they never form a symbol chunk.
    expect(keys('a\u0000b', 'symbol')).toEqual([]);
    const big = 'lumora '.repeat(20_000);
    const t0 = performance.now();
    expect(tokenize(big)).toHaveLength(20_000);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('scanner matches its regex specification', () => {
  // The scanner in text.ts is a hand-written loop for speed; this is the
  // single regex it replaced, kept as an executable specification.
  const NOSPACE =
    '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}';
  const WORDCH = `[^\\s\\p{P}\\p{S}\\p{Z}\\p{Cc}\\p{Cs}\\p{Co}\\p{Cn}\\u200b${NOSPACE}]`;
  const HANDLE_BODY = '[\\p{L}\\p{N}\\p{M}_](?:[\\p{L}\\p{N}\\p{M}_.\\-]*[\\p{L}\\p{N}\\p{M}_])?';
  const DOMAIN = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\p{M}.\\-]*[\\p{L}\\p{N}\\p{M}])?';
  const SPEC = new RegExp(
    [
      '((?:https?://|www\\.)\\S+)',
      `(?<![\\p{L}\\p{N}_@./#&])@(${HANDLE_BODY}(?:@${DOMAIN})?)`,
      '(?<![\\p{L}\\p{N}_&#/])#([\\p{L}\\p{N}\\p{M}_]+)',
      `([${NOSPACE}])`,
      `(${WORDCH}+)`,
      '([^\\P{Extended_Pictographic}\\u00a9\\u00ae\\u2120\\u2122])',
    ].join('|'),
    'gu',
  );

  function reference(text: string): TextToken[] {
    const out: TextToken[] = [];
    let pos = 0;
    for (const m of text.toLowerCase().matchAll(SPEC)) {
      if (m[1] !== undefined) continue;
      if (m[4] !== undefined || m[5] !== undefined) {
        const key = fold(m[0]);
        if (key !== '') out.push({ kind: 'word', key, position: pos++ });
      } else if (m[2] !== undefined) {
        const h = fold(m[2]);
        out.push({ kind: 'handle', key: '@' + h, position: pos });
        if (h.indexOf('@') > 0)
          out.push({ kind: 'handle', key: '@' + h.slice(0, h.indexOf('@')), position: pos });
        pos++;
      } else if (m[3] !== undefined) {
        const body = fold(m[3]);
        out.push({ kind: 'tag', key: '#' + body, position: pos });
        const parts = body.split('_').filter((p) => p !== '');
        parts.forEach((part, k) => out.push({ kind: 'word', key: part, position: pos + k }));
        pos += Math.max(1, parts.length);
      } else if (m[6] !== undefined) {
        out.push({ kind: 'emoji', key: m[6], position: pos++ });
      }
    }
    return out;
  }

  const PIECES = [
    'a',
    'bc',
    'Z',
    'é',
    'e\u0301',
    'ü',
    'ß',
    'İ',
    '1',
    '_',
    '.',
    '-',
    '/',
    '&',
    '@',
    '#',
    ' ',
    '\u00a0',
    '\u200b',
    '\u200d',
    '\u00ad',
    '\ufe0f',
    '🔥',
    '👍🏽',
    '©',
    '™',
    '苹',
    'か',
    '\u3099',
    'ก',
    '\u0000',
    '\t',
    '\n',
    'http://',
    'https://',
    'www.',
    '\ud800',
    '\udc00',
    'x@y.z',
    'Ω',
    'ﬁ',
    '①',
    '(',
    ')',
    '"',
    "'",
    '!',
    ':',
    '𝔘',
    '١',
  ];

  it('on 5,000 random strings of tricky characters', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 0; n < 5000; n++) {
      const len = Math.floor(rand() * 24);
      let text = '';
      for (let i = 0; i < len; i++) text += PIECES[Math.floor(rand() * PIECES.length)];
      expect(tokenize(text, { symbols: false }), JSON.stringify(text)).toEqual(reference(text));
    }
  });
});
