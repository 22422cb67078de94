import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CONFIG, extractFeatures } from './features.ts';
import { tokenize } from './text.ts';

// The tokenizer, features and lexicon scorer memoise per chunk, word and feature string (text.ts,
// features.ts, lexicon-model.ts); these pin that the memos change no answer. The full check is
// processors/enrich/pipeline/golden.test.ts.
describe('memoised sentiment paths', () => {
  it('tokenises chunk by chunk as the whole-text pattern did (emoticons, elisions, caps, sentences)', () => {
    const text = "SUPER :) but:( NOT goooood!! L'amore è bello... ok :-D 😍👍🏽 12,5";
    const rows = () =>
      tokenize(text, 'it').map((x) => [
        x.kind,
        x.norm,
        x.squeezed,
        x.elongated,
        x.shouted,
        x.sentence,
        x.clause,
      ]);
    const expected = [
      ['word', 'super', 'super', false, true, 0, 0],
      ['emoticon', ':)', ':)', false, false, 0, 0],
      ['word', 'but', 'but', false, false, 0, 0],
      ['punct', ':', ':', false, false, 0, 0],
      ['word', 'not', 'not', false, true, 0, 1],
      ['word', 'goooood', 'good', true, false, 0, 1],
      ['punct', '!!', '!!', false, false, 0, 1],
      ['word', "l'", "l'", false, false, 1, 2],
      ['word', 'amore', 'amore', false, false, 1, 2],
      ['word', 'è', 'è', false, false, 1, 2],
      ['word', 'bello', 'bello', false, false, 1, 2],
      ['punct', '...', '...', false, false, 1, 2],
      ['word', 'ok', 'ok', false, false, 2, 3],
      ['emoticon', ':-D', ':-D', false, false, 2, 3],
      ['emoji', '😍', '😍', false, false, 2, 3],
      ['emoji', '👍', '👍', false, false, 2, 3],
      ['number', '12,5', '12,5', false, false, 2, 3],
    ];
    expect(rows()).toEqual(expected);
    expect(rows()).toEqual(expected); // from the chunk memo
    // the same chunks in an all-caps text are not shouted; without elision the apostrophe stays in the word
    expect(tokenize('SUPER NOT GOOD', 'en').map((x) => x.shouted)).toEqual([false, false, false]);
    expect(tokenize("L'amore", 'en').map((x) => x.norm)).toEqual(["l'amore"]);
  });

  it('gives a text the same vector whatever was extracted before (memos keyed by language and config)', () => {
    const cfg = { ...DEFAULT_FEATURE_CONFIG, foldAccents: true, negationScope: 0 };
    const other = { ...DEFAULT_FEATURE_CONFIG, charNgrams: [2, 3] as [number, number], langConjoined: false };
    const text = "Je n'aime pas du tout ce café, trop amer !!";
    const first = extractFeatures(text, 'fr', cfg);
    extractFeatures(text, 'it', cfg);
    extractFeatures(text, 'fr', other);
    extractFeatures('I do not like this coffee at all, too bitter!!', 'en', cfg);
    expect(extractFeatures(text, 'fr', cfg)).toEqual(first);
    const it2 = extractFeatures(text, 'it', cfg);
    expect([...it2.idx]).not.toEqual([...first.idx]); // language-conjoined features differ
    const idx = [...first.idx];
    expect(idx).toEqual([...idx].sort((a, b) => a - b));
    expect(new Set(idx).size).toBe(idx.length);
  });
});
