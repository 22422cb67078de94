import { describe, expect, it } from 'vitest';
import { createLanguageDetector } from './detector.ts';

const detector = createLanguageDetector({ languages: ['nl', 'de', 'en', 'fr', 'es', 'it', 'pt'] });

describe('language priors', () => {
  it('a platform hint decides a near-tie on a short text', () => {
    // eld alone: French, by a hair
    expect(detector.detect('Video SIRI').lang).toBe('fr');
    const hinted = detector.detect('Video SIRI', { sourceLang: 'en' });
    expect(hinted).toMatchObject({ lang: 'en', reliable: false, source: 'sourceLang' });
    expect(hinted.confidence).toBeGreaterThan(0);
    expect(hinted.confidence).toBeLessThan(1);
  });
  it('the author recent languages act like a hint, weighted by their share', () => {
    expect(detector.detect('Video SIRI', { recentLangs: ['en', 'en', 'en', 'en'] }).lang).toBe('en');
    // the majority language gets the larger push: German (3 of 5), not English (1 of 5)
    expect(detector.detect('Video SIRI', { recentLangs: ['de', 'de', 'fr', 'de', 'en'] }).lang).toBe('de');
  });
  it('a wrong hint does not overturn a clear text, and the prior fades with length', () => {
    expect(detector.detect('Mein Handy ist seit gestern kaputt', { sourceLang: 'en' }).lang).toBe('de');
    expect(
      detector.detect('same here, mine broke after a week and support never answered', { sourceLang: 'de' })
        .lang,
    ).toBe('en');
  });
  it('no hints: the same answer as before priors existed', () => {
    expect(detector.detect('Video: SIRI also gets angry')).toMatchObject({ lang: 'en', source: 'text' });
    expect(detector.detect('Hallo, wie geht es dir heute?', {})).toMatchObject({
      lang: 'de',
      reliable: true,
    });
  });
  it('too short to read: a clear majority of recent languages answers', () => {
    expect(detector.detect('ok', { recentLangs: ['fr', 'fr', 'en'] })).toMatchObject({
      lang: 'fr',
      source: 'authorLang',
    });
    expect(detector.detect('ok', { recentLangs: ['fr', 'en'] }).lang).toBe('und');
  });
});

describe('analyzer: the author recent languages', () => {
  it('remembers what an author wrote in and uses it for their short posts', async () => {
    const { createAnalyzer } = await import('../pipeline/analyze.ts');
    const { createLexiconScorer } = await import('../sentiment/index.ts');
    const { Post } = await import('../../../schema/post.ts');
    const make = (deps: { authorLanguageMemory?: number }) =>
      createAnalyzer({
        brands: [{ name: 'siri', query: 'siri', accounts: {} }],
        detector,
        sentiment: createLexiconScorer(),
        ...deps,
      });
    let n = 0;
    const post = (text: string, author: string) =>
      Post.parse({
        postId: `social:${++n}`,
        source: 'social',
        author: { id: author, handle: author },
        text,
        createdAt: '2026-03-01T10:00:00Z',
        fetchedAt: '2026-03-01T10:00:00Z',
      });
    for (const deps of [{}, { authorLanguageMemory: 0 }]) {
      const analyzer = make(deps);
      for (const text of [
        'siri keeps misunderstanding me after the update, anyone else?',
        'asked siri for the weather and got a recipe instead, not happy at all',
        'finally fixed it: siri works again after resetting everything',
      ])
        expect(analyzer.analyze(post(text, 'ann'))[0]?.lang).toBe('en');
      const expected = deps.authorLanguageMemory === 0 ? 'fr' : 'en';
      expect(analyzer.analyze(post('Video SIRI', 'ann'))[0]?.lang).toBe(expected);
      expect(analyzer.analyze(post('Video SIRI', 'bob'))[0]?.lang).toBe('fr');
    }
  }, 60_000);
});
