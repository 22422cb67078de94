import { describe, expect, it } from 'vitest';
import {
  analyseSentiment,
  createLexiconScorer,
  labelForScore,
  lexiconConfidence,
  LAUGHTER,
} from './lexicon-model.ts';
import { getLexicon, LEXICON_SOURCES } from './lexicons.ts';
import { squeeze, tokenize } from './text.ts';

const s = (text: string, lang: string) => analyseSentiment(text, lang).score;
const scorer = createLexiconScorer();

describe('tokenizer', () => {
  it('keeps emoji and emoticons, drops urls and handles', () => {
    const t = tokenize('@bob Love it :) 😍 https://x.co #BestDay', 'en');
    expect(t.map((x) => `${x.kind}:${x.norm}`)).toEqual([
      'word:love',
      'word:it',
      'emoticon::)',
      'emoji:😍',
      'word:best',
      'word:day',
    ]);
  });
  it('splits French elisions', () => {
    expect(tokenize("Je n'aime pas", 'fr').map((x) => x.norm)).toEqual(['je', "n'", 'aime', 'pas']);
  });
  it('marks elongation and shouting', () => {
    const [a, b] = tokenize('soooo GOOD', 'en');
    expect(a?.elongated).toBe(true);
    expect(a?.squeezed).toBe('soo');
    expect(b?.shouted).toBe(true);
    expect(squeeze('goooood', 1)).toBe('god');
  });
  it('tracks sentences and clauses', () => {
    const t = tokenize('Good. But bad, really', 'en');
    expect(t.filter((x) => x.kind === 'word').map((x) => [x.sentence, x.clause])).toEqual([
      [0, 0],
      [1, 1],
      [1, 1],
      [1, 2],
    ]);
  });
});

describe('lexicon scorer rules', () => {
  it('negation flips polarity (en, nl, de, fr, es)', () => {
    expect(s('This is good', 'en')).toBeGreaterThan(0);
    expect(s('This is not good', 'en')).toBeLessThan(0);
    expect(s("I don't like it", 'en')).toBeLessThan(0);
    expect(s('Dit boek is niet goed', 'nl')).toBeLessThan(0);
    expect(s('Dit is geen fijne film', 'nl')).toBeLessThan(0);
    expect(s('Das ist nicht gut', 'de')).toBeLessThan(0);
    expect(s('Das gefällt mir nicht', 'de')).toBeLessThan(0); // post-posed negation
    expect(s("Ce n'est pas bon", 'fr')).toBeLessThan(0);
    expect(s("Je n'aime pas ce film", 'fr')).toBeLessThan(0);
    expect(s("J'aime pas ce film", 'fr')).toBeLessThan(0);
    expect(s('No me gusta nada', 'es')).toBeLessThan(0);
    expect(s('Nunca es bueno', 'es')).toBeLessThan(0);
  });
  it('negated negatives turn mildly positive', () => {
    expect(s('Not bad at all', 'en')).toBeGreaterThan(0);
    expect(s('kein Problem', 'de')).toBeGreaterThan(0);
  });
  it('negation scope ends at punctuation', () => {
    expect(s('Not today. Great movie', 'en')).toBeGreaterThan(0);
  });
  it('intensifiers raise and diminishers lower magnitude', () => {
    expect(s('very good', 'en')).toBeGreaterThan(s('good', 'en'));
    expect(s('slightly good', 'en')).toBeLessThan(s('good', 'en'));
    expect(s('zeer goed', 'nl')).toBeGreaterThan(s('goed', 'nl'));
    expect(s('sehr gut', 'de')).toBeGreaterThan(s('gut', 'de'));
    expect(s('très bon', 'fr')).toBeGreaterThan(s('bon', 'fr'));
    expect(s('muy bueno', 'es')).toBeGreaterThan(s('bueno', 'es'));
    expect(s('ein bisschen schlecht', 'de')).toBeGreaterThan(s('schlecht', 'de'));
  });
  it('an intensifier that is also a sentiment word acts as a modifier before one', () => {
    // "vreselijk mooi" (terribly beautiful) is positive
    expect(s('vreselijk mooi', 'nl')).toBeGreaterThan(s('mooi', 'nl'));
  });
  it('emoji and emoticons carry polarity', () => {
    expect(s('😍', 'en')).toBeGreaterThan(0);
    expect(s('😡', 'en')).toBeLessThan(0);
    expect(s('ok :(', 'en')).toBeLessThan(0);
    expect(s('<3', 'de')).toBeGreaterThan(0);
  });
  it('the clause after "but" weighs more', () => {
    expect(s('The food was good but the service was terrible', 'en')).toBeLessThan(0);
    expect(s('The service was terrible but the food was good', 'en')).toBeGreaterThan(0);
    expect(s('Het eten was lekker maar de bediening was slecht', 'nl')).toBeLessThan(0);
    expect(s('Das Essen war schlecht, aber der Service war toll', 'de')).toBeGreaterThan(0);
    expect(s("C'était bon mais trop cher et décevant", 'fr')).toBeLessThan(0);
    expect(s('Era bueno pero muy aburrido', 'es')).toBeLessThan(0);
  });
  it('exclamation, caps and elongation emphasise', () => {
    expect(s('good!!!', 'en')).toBeGreaterThan(s('good', 'en'));
    expect(s('this is GOOD', 'en')).toBeGreaterThan(s('this is good', 'en'));
    expect(s('goooood', 'en')).toBeGreaterThan(0);
    expect(s('goooood', 'en')).toBeGreaterThan(s('good', 'en'));
  });
  it('recognises laughter in several spellings', () => {
    for (const w of ['hahaha', 'jajaja', 'hihi', 'kkkk', 'lol']) expect(LAUGHTER.test(w)).toBe(true);
    expect(LAUGHTER.test('hat')).toBe(false);
  });
  it.each([
    ['nl', 'Geweldig boek, echt een aanrader', 1],
    ['nl', 'Saai en teleurstellend, zonde van het geld', -1],
    ['de', 'Ein wunderbares Buch, sehr empfehlenswert', 1],
    ['de', 'Langweilig und enttäuschend', -1],
    ['en', 'Absolutely love this, amazing service', 1],
    ['en', 'Worst experience ever, awful support', -1],
    ['fr', 'Un livre magnifique, je le recommande', 1],
    ['fr', 'Nul, ennuyeux et décevant', -1],
    ['es', 'Me encanta, es genial', 1],
    ['es', 'Qué asco, horrible servicio', -1],
    ['it', 'Bellissimo, grazie', 1],
    ['pt', 'Péssimo atendimento', -1],
  ])('%s: %s', (lang, text, sign) => {
    expect(Math.sign(s(text, lang))).toBe(sign);
  });
  it('neutral text scores 0', () => {
    expect(s('The meeting is at ten on Monday', 'en')).toBe(0);
    expect(scorer.score('De trein vertrekt om tien uur', { lang: 'nl' }).label).toBe('neutral');
  });
});

describe('long texts (reviews)', () => {
  const plot =
    'The villain murders, tortures and destroys the terrible, evil, awful, horrible town in a cruel war';
  const review = `Wonderful book. ${plot}. ${plot}. The heroes suffer. I loved it, a great read.`;
  it('squashes each sentence and weighs the first and last more, so a plot summary cannot outvote the verdict', () => {
    expect(analyseSentiment(review, 'en', { params: { longTextSentences: 0 } }).score).toBeLessThan(0);
    expect(analyseSentiment(review, 'en', { params: { longTextSentences: 4 } }).score).toBeGreaterThan(0);
  });
  it('the edge weight decides between a positive title and negative middle sentences', () => {
    const text = 'Great. Boring middle part. Dull characters. Weak plot. Great.';
    const flat = analyseSentiment(text, 'en', { params: { longTextSentences: 4, edgeSentenceWeight: 1 } });
    const edged = analyseSentiment(text, 'en', { params: { longTextSentences: 4, edgeSentenceWeight: 2 } });
    expect(edged.score).toBeGreaterThan(flat.score);
  });
  it('leaves short texts (tweets) to the plain sum', () => {
    const tweet = 'Terrible morning. But a great evening!';
    expect(analyseSentiment(tweet, 'en').score).toBe(
      analyseSentiment(tweet, 'en', { params: { longTextSentences: 0 } }).score,
    );
  });
  it('reports a squashed score per sentence with words', () => {
    const a = analyseSentiment('Good. 123. Bad bad.', 'en');
    expect(a.sentenceScores).toHaveLength(2);
    expect(a.sentenceScores[0]).toBeGreaterThan(0);
    expect(a.sentenceScores[1]).toBeLessThan(0);
    for (const v of a.sentenceScores) expect(Math.abs(v)).toBeLessThan(1);
  });
});

describe('scorer output', () => {
  it('has the documented shape', () => {
    const r = scorer.score('I love it!', { lang: 'en' });
    expect(r.model).toBe('lexicon-1.0.0');
    expect(r.label).toBe('positive');
    expect(r.score).toBeGreaterThan(0);
    expect(r.score).toBeLessThanOrEqual(1);
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });
  it('unknown language uses English + emoji; unsupported languages emoji only', () => {
    expect(scorer.score('great 👍').label).toBe('positive');
    expect(analyseSentiment('great', 'ja').score).toBe(0);
    expect(analyseSentiment('👍', 'ja').score).toBeGreaterThan(0);
  });
  it('labels with the band and reports lower confidence without evidence', () => {
    const band = { lo: -0.1, hi: 0.2 };
    expect(labelForScore(-0.2, band)).toBe('negative');
    expect(labelForScore(0.1, band)).toBe('neutral');
    expect(labelForScore(0.3, band)).toBe('positive');
    expect(lexiconConfidence(0, band, 0)).toBe(0.4);
    expect(lexiconConfidence(0.9, band, 3)).toBeGreaterThan(lexiconConfidence(0.25, band, 3));
  });
  it('non-commercial lexicons are opt-in', () => {
    expect(getLexicon('de').sources).not.toContain('sentiws-de');
    expect(getLexicon('de', 'all').sources).toContain('sentiws-de');
    expect(createLexiconScorer({ policy: 'all' }).model).toBe('lexicon-1.0.0-nc');
    for (const src of LEXICON_SOURCES) expect(src.licence.length).toBeGreaterThan(5);
  });
});
