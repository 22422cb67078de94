import { describe, expect, it } from 'vitest';
import { adjustPosterior, estimatePriors, resultOf, StreamPriors } from './prior-shift.ts';
import { mulberry32 } from './trained-model.ts';

const uniform = [1 / 3, 1 / 3, 1 / 3];

/** Posteriors of a calibrated classifier trained on balanced data, for items drawn with class mix `mix`. */
function draw(mix: number[], n: number, seed = 1): { y: number; p: number[] }[] {
  const rng = mulberry32(seed);
  // Likelihood of the observed "evidence" e (one of 3 cues) given the class: the true class shows its cue 60%.
  const lik = (e: number, y: number) => (e === y ? 0.6 : 0.2);
  const out: { y: number; p: number[] }[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng();
    const y = r < mix[0]! ? 0 : r < mix[0]! + mix[1]! ? 1 : 2;
    const u = rng();
    const e = u < 0.6 ? y : (y + 1 + (u < 0.8 ? 0 : 1)) % 3;
    const w = [0, 1, 2].map((k) => lik(e, k) / 3);
    const z = w.reduce((a, b) => a + b, 0);
    out.push({ y, p: w.map((v) => v / z) });
  }
  return out;
}

describe('prior shift', () => {
  it('re-weights a posterior by new / training priors', () => {
    expect(adjustPosterior([0.2, 0.5, 0.3], uniform, uniform)).toEqual(
      [0.2, 0.5, 0.3].map((v) => expect.closeTo(v)),
    );
    const a = adjustPosterior([0.4, 0.3, 0.3], uniform, [0.1, 0.8, 0.1]);
    expect(a[1]).toBeGreaterThan(0.7);
    expect(a.reduce((x, y) => x + y, 0)).toBeCloseTo(1);
  });

  it('EM recovers a neutral-heavy mix from posteriors alone, and a balanced one stays balanced', () => {
    const heavy = estimatePriors(
      draw([0.2, 0.65, 0.15], 4000).map((d) => d.p),
      uniform,
    );
    expect(heavy[0]).toBeCloseTo(0.2, 1);
    expect(heavy[1]).toBeCloseTo(0.65, 1);
    expect(heavy[2]).toBeCloseTo(0.15, 1);
    const balanced = estimatePriors(
      draw(uniform, 4000, 2).map((d) => d.p),
      uniform,
    );
    for (const v of balanced) expect(v).toBeCloseTo(1 / 3, 1);
    expect(estimatePriors([], uniform)).toEqual(uniform);
  }, 60_000);

  it('on a neutral-heavy stream the adjusted labels beat the raw ones (online, per stream)', () => {
    const data = draw([0.2, 0.65, 0.15], 3000, 3);
    const sp = new StreamPriors();
    let raw = 0;
    let adjusted = 0;
    let adjustedCount = 0;
    data.forEach(({ y, p }, i) => {
      const out = sp.observe('acme|en', p);
      if (i < 99) expect(out.adjusted).toBe(false);
      if (out.adjusted) adjustedCount++;
      if (resultOf(p).label === ['negative', 'neutral', 'positive'][y]) raw++;
      if (resultOf(out.probabilities).label === ['negative', 'neutral', 'positive'][y]) adjusted++;
    });
    expect(adjustedCount).toBe(3000 - 99);
    expect(adjusted).toBeGreaterThan(raw * 1.05);
    expect(sp.priors('acme|en')![1]).toBeGreaterThan(0.5);
    expect(sp.priors('other|en')).toBeNull();
  }, 60_000);

  it('resultOf mirrors the trained scorer: argmax label, P(pos) − P(neg), max P', () => {
    expect(resultOf([0.1, 0.3, 0.6])).toEqual({ label: 'positive', score: 0.5, confidence: 0.6 });
  });
});

describe('analyzer with enrich.priorShift', () => {
  it('re-weights per brand × language once the stream has enough messages; off by default', async () => {
    const { createAnalyzer } = await import('../pipeline/analyze.ts');
    const { createLanguageDetector } = await import('../language/index.ts');
    const { loadDefaultSentimentModel } = await import('./default-model.ts');
    const { Post } = await import('../../../schema/post.ts');
    const trained = loadDefaultSentimentModel();
    if (!trained) return; // the shipped model file is part of the repository; nothing to adjust without it
    const deps = {
      brands: [{ name: 'acme', query: 'acme', accounts: {} }],
      detector: createLanguageDetector({ languages: ['en'] }),
      sentiment: trained,
    };
    let n = 0;
    const post = (text: string) =>
      Post.parse({
        postId: `social:${++n}`,
        source: 'social',
        author: { id: `u${n}`, handle: `u${n}` },
        text,
        createdAt: '2026-03-01T10:00:00Z',
        fetchedAt: '2026-03-01T10:00:00Z',
      });
    const texts = [
      'acme store opens at nine tomorrow',
      'acme announced a new model today',
      'the acme event is on thursday',
      'acme ships to belgium as well',
    ];
    const shifted = createAnalyzer({ ...deps, priorShift: { minSamples: 20, refreshEvery: 1 } });
    const plain = createAnalyzer(deps);
    const models: string[] = [];
    for (let i = 0; i < 40; i++) {
      const p = post(texts[i % texts.length]!);
      models.push(shifted.analyze(p)[0]!.sentiment.model);
      expect(plain.analyze(p)[0]!.sentiment.model).toBe(trained.model);
    }
    expect(models.slice(0, 19).every((m) => m === trained.model)).toBe(true);
    expect(models.slice(19).every((m) => m === `${trained.model}+prior`)).toBe(true);
  }, 60_000);
});
