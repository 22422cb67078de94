import { describe, expect, it } from 'vitest';
import { simulatorBrandConfigs } from '../../../platforms/simulator/brands.ts';
import { createSimulator } from '../../../platforms/simulator/generator.ts';
import { LateralConfig, type BrandConfig } from '../../../schema/config.ts';
import { Post } from '../../../schema/post.ts';
import { createLanguageDetector } from '../language/index.ts';
import { createLexiconScorer } from '../sentiment/index.ts';
import { createAnalyzer } from './analyze.ts';
import { brandAccountBook } from './brand-accounts.ts';
import { analyzerFromConfig } from './analyzer-from-config.ts';
import { runOffline } from './offline.ts';

const brands: BrandConfig[] = [
  { name: 'acme', query: '"acme" OR @acme', accounts: { social: ['acme', 'id:b7'] } },
  { name: 'zeta', query: 'zeta AND NOT recipe', accounts: {} },
];
const analyzer = createAnalyzer({
  brands,
  detector: createLanguageDetector({ languages: ['en', 'nl', 'de'] }),
  sentiment: createLexiconScorer(),
});
const post = (text: string, author = { id: 'social:u1', handle: 'ann' }) =>
  Post.parse({
    postId: 'social:1',
    source: 'social',
    author,
    text,
    createdAt: '2026-03-01T10:00:00Z',
    fetchedAt: '2026-03-01T10:00:00Z',
  });

describe('brand accounts', () => {
  it('splits handles from `id:` entries and scopes them to their source', () => {
    const book = brandAccountBook({ accounts: { social: ['@Acme', 'id:b7'], '*': ['acme_help'] } });
    expect(book.handlesBySource).toEqual({ social: ['@Acme'], '*': ['acme_help'] });
    expect([...book.ids]).toEqual(['social:b7']);
    expect([...book.forSource('social').handles].sort()).toEqual(['acme', 'acme_help']);
    expect([...book.forSource('other').ids]).toEqual([]);
  });
});

describe('analyzer', () => {
  it('gives one enriched record per matched brand, with language, sentiment and the matching terms', () => {
    const out = analyzer.analyze(post('I love my new Acme kettle and the zeta mug, brilliant quality'));
    expect(out.map((e) => e.brand)).toEqual(['acme', 'zeta']);
    expect(out[0]).toMatchObject({ lang: 'en', matchedTerms: ['"acme"'], sentiment: { label: 'positive' } });
    expect(out[0]!.sentiment.score).toBeGreaterThan(0);
  });

  it('matches a post written by an account the brand names by id, even without brand words', () => {
    expect(analyzer.match(post('Thanks, fixed in 2.1', { id: 'social:b7', handle: '' }))).toEqual(['acme']);
  });

  it('gives nothing for a post about no brand, and honours exclusions', () => {
    expect(analyzer.analyze(post('the weather is fine'))).toEqual([]);
    expect(analyzer.match(post('zeta cake recipe'))).toEqual([]);
  });
});

describe('enrichment on simulator ground truth (in-process)', () => {
  it('classifies direction and final thread mode of ≥ 99% of brand posts correctly', async () => {
    const config = LateralConfig.parse({ brands: simulatorBrandConfigs() });
    const items = [...createSimulator({ seed: 'analyze-unit', count: 3000, outOfOrderRate: 0.05 }).items(0)];
    const result = runOffline(
      items.map((i) => ({ source: 'simulator', payload: i.payload })),
      await analyzerFromConfig(config),
      config,
    );
    let n = 0;
    let direction = 0;
    let mode = 0;
    for (const { truth } of items) {
      if (truth.malformed || truth.brands.length === 0) continue;
      const m = result.mentions.get(`${truth.brands[0]}|${truth.postId}`);
      n++;
      if (m?.direction === truth.direction) direction++;
      if (m?.mode === truth.threadMode) mode++;
    }
    expect(n).toBeGreaterThan(2000);
    expect(direction / n).toBeGreaterThanOrEqual(0.99);
    expect(mode / n).toBeGreaterThanOrEqual(0.99);
  }, 60_000);
});
