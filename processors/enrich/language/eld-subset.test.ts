import { eld } from 'eld/medium';
import { describe, expect, it } from 'vitest';
import { loadEldSubset, subsetDatabase } from './eld-subset.ts';

const LANGS = ['nl', 'de', 'en', 'fr', 'es', 'it', 'pt'];

const TEXTS = [
  'Ik ben erg tevreden over de nieuwe fiets, hij rijdt heerlijk licht',
  'Ich liebe meine neuen Kopfhörer, das Noise Cancelling ist fantastisch',
  'The left bud will not charge anymore, really disappointed',
  'Je ne le recommande pas, le service client est nul',
  'No lo recomiendo, la batería dura muy poco',
  'Questo prodotto è fantastico, lo consiglio a tutti',
  'O produto chegou rápido e funciona muito bem',
  // Other languages and scripts: the best language overall is not one of ours.
  'Tämä on suomenkielinen lause, jossa ei ole mitään erityistä',
  'Это предложение написано на русском языке',
  'Detta är en svensk mening om ingenting särskilt',
  'Dette er en dansk sætning',
  // Short and mixed: near-ties, where the order of equal scores matters.
  'ok top',
  'super cool',
  'na ja',
  'Video: SIRI also gets angry',
  'merci danke thanks gracias',
];

describe('eld subset database', () => {
  it('gives the answers of setLanguageSubset: language, scores and reliability', async () => {
    const subset = await loadEldSubset('medium', LANGS);
    expect(subset, 'eld 2.x files not found: see eld-subset.ts').not.toBeNull();
    const fast = subset!.newInstance();
    const reference = eld.newInstance();
    reference.setLanguageSubset(LANGS);
    const words = TEXTS.join(' ').split(' ');
    // The sentences, and windows of their words that cross languages.
    const texts = [...TEXTS, ...words.map((_, i) => words.slice(i, i + 4).join(' '))];
    for (const text of texts) {
      const want = reference.detect(text);
      const got = fast.detect(text);
      expect({ text, lang: got.language, reliable: got.isReliable() }).toEqual({
        text,
        lang: want.language,
        reliable: want.isReliable(),
      });
      expect(Object.entries(got.getScores())).toEqual(Object.entries(want.getScores()));
    }
  });

  it('keeps only the chosen languages, in the database order', () => {
    const db = subsetDatabase(
      {
        type: 't',
        languages: { 0: 'am', 1: 'de', 2: 'en', 3: 'nl' },
        ngrams: { ' ab ': { 0: 5, 2: 7 }, ' cd ': { 0: 1 }, ' ef ': { 1: 2, 3: 4 } },
      },
      ['nl', 'de'],
    );
    expect(db).toEqual({
      type: 't',
      languages: { 0: 'de', 1: 'nl' },
      ngrams: { ' ef ': { 0: 2, 1: 4 } },
    });
    expect(subsetDatabase({ type: 't', languages: { 0: 'am' }, ngrams: {} }, ['nl'])).toBeNull();
  });
});
