import { describe, expect, it } from 'vitest';
import { analyseSentiment, createLexiconScorer, REVIEW_LEXICON_PARAMS } from './lexicon-model.ts';
import { snowballStemmer, stemIndex, type Lexicon } from './lexicons.ts';

const lex = (lang: string, words: Record<string, number>): Lexicon => ({
  lang,
  entries: new Map(Object.entries(words)),
  folded: new Map(),
  maxPhrase: 1,
  sources: [],
});

describe('Snowball stem fallback', () => {
  it('loads the packaged stemmers', () => {
    expect(snowballStemmer('de')?.stem('enttäuschenden')).toBe(snowballStemmer('de')?.stem('enttäuschend'));
    expect(snowballStemmer('xx')).toBeNull();
  });
  it('averages words sharing a stem and drops stems whose words disagree in sign', () => {
    const st = snowballStemmer('fr');
    if (!st) return;
    const idx = stemIndex(
      lex('fr', { décevant: -0.6, décevante: -0.4, 'pas mal': 0.3, porte: 0.5, porter: -0.5 }),
    );
    expect(idx.get(st.stem('décevantes'))).toBeCloseTo(-0.5, 6);
    expect(idx.has(st.stem('porte'))).toBe(false);
    expect([...idx.keys()].some((k) => k.includes(' '))).toBe(false);
  });
  it('is used only for the languages listed in snowballStems', () => {
    // "horriblement" is not in the French lexicon; "horrible" is, and shares its stem
    const text = 'Le service était horriblement lent.';
    const off = analyseSentiment(text, 'fr', { params: { snowballStems: [] } });
    const other = analyseSentiment(text, 'fr', { params: { snowballStems: ['de'] } });
    const on = analyseSentiment(text, 'fr', { params: { snowballStems: ['fr'] } });
    expect(other.score).toBe(off.score);
    expect(on.hits).toBe(off.hits + 1);
    expect(on.score).toBeLessThan(off.score);
  });
  it('the review scorer uses it for its languages, the default (post) scorer does not', () => {
    const text = 'Le service était horriblement lent.';
    const post = createLexiconScorer();
    const review = createLexiconScorer({ reviews: true });
    expect(review.model).toBe(`${post.model}-reviews`);
    const stemsFr = (REVIEW_LEXICON_PARAMS.snowballStems ?? []).includes('fr') ? 1 : 0;
    expect(review.analyse(text, { lang: 'fr' }).hits).toBe(post.analyse(text, { lang: 'fr' }).hits + stemsFr);
    expect(post.analyse(text, { lang: 'fr' }).hits).toBe(analyseSentiment(text, 'fr').hits);
  });
});
