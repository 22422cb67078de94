import { describe, expect, it } from 'vitest';
import { LateralConfig } from '../../../schema/config.ts';
import { Post } from '../../../schema/post.ts';
import { detectAdvocacy, detectEmotions } from '../emotion/index.ts';
import { analyzerFromConfig, sentimentScorers } from './analyzer-from-config.ts';
import { ANALYSIS_TEXT_CHARS, boundText, MATCH_TEXT_CHARS } from './text-bounds.ts';

const post = (text: string) =>
  Post.parse({
    postId: 'social:1',
    source: 'social',
    author: { id: 'social:u1', handle: 'ann' },
    text,
    createdAt: '2026-03-01T10:00:00Z',
    fetchedAt: '2026-03-01T10:00:00Z',
  });

describe('boundText', () => {
  it('keeps short texts whole and cuts long ones at whitespace', () => {
    expect(boundText('kettle brew', 20)).toBe('kettle brew');
    expect(boundText('one two three four', 10)).toBe('one two');
    expect(boundText('x'.repeat(500), 100)).toBe('x'.repeat(100));
  });
  it('never splits a surrogate pair', () => {
    const cut = boundText('😀'.repeat(100), 11);
    expect(cut).toBe('😀'.repeat(5));
    expect(cut.length).toBe(10);
  });
});

describe('enrichment time per message is bounded', () => {
  const config = LateralConfig.parse({
    brands: [{ name: 'kettlebrew', query: 'kettlebrew OR @kettlebrew', accounts: {} }],
  });

  it('a 100,000-character post of any shape is analysed in well under 50 ms', async () => {
    const analyzer = await analyzerFromConfig(config);
    analyzer.analyze(post('kettlebrew is great!'));
    const shapes = ['!', '!!!?', 'good ', 'not very ', '😡', '👍🏽 ', ':) ', '#a ', '@a ', '<', 'sooo', '中'];
    for (const unit of shapes) {
      const text = `kettlebrew ${unit.repeat(Math.ceil(99_000 / unit.length))}`.slice(0, 100_000);
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const p = post(text);
        // CPU time of this process: other work on a busy machine does not count.
        const t0 = process.cpuUsage();
        const out = analyzer.analyze(p);
        const used = process.cpuUsage(t0);
        best = Math.min(best, (used.user + used.system) / 1000);
        expect(out).toHaveLength(1);
      }
      expect({ unit, ms: best < 50 ? 'under 50' : best }).toEqual({ unit, ms: 'under 50' });
    }
  });

  it('a brand named late in a long post is still matched; analyses read the beginning', async () => {
    const analyzer = await analyzerFromConfig(config);
    const late = `${'I drink tea every morning. '.repeat(150)} Then kettlebrew broke.`;
    expect(late.length).toBeGreaterThan(ANALYSIS_TEXT_CHARS);
    expect(late.length).toBeLessThan(MATCH_TEXT_CHARS);
    expect(analyzer.match(post(late))).toEqual(['kettlebrew']);
    const beyond = `${'tea '.repeat(MATCH_TEXT_CHARS / 4)} kettlebrew`;
    expect(analyzer.match(post(beyond))).toEqual([]);
  });

  it('texts within the bound get exactly the results of the unbounded analyses', async () => {
    const analyzer = await analyzerFromConfig(config);
    const { sentiment } = sentimentScorers('default');
    const text =
      `kettlebrew ${'the new kettle is not very good, I would not recommend it 😡 '.repeat(30)}`.slice(
        0,
        ANALYSIS_TEXT_CHARS,
      );
    const [e] = analyzer.analyze(post(text));
    const direct = sentiment.score(text, { lang: e!.lang });
    expect(e!.sentiment.score).toBeCloseTo(Math.max(-1, Math.min(1, direct.score)), 10);
    expect(e!.sentiment.label).toBe(direct.label);
    expect(e!.advocacy).toBe(detectAdvocacy(text, e!.lang) ?? undefined);
    expect(e!.dominantEmotion).toBe(detectEmotions(text, e!.lang).dominant);
  });
});
