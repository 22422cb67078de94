import { describe, expect, it } from 'vitest';
import { betaReputation } from './reputation.ts';
import { ScoringEngine } from './engine.ts';
import { DAY_MS } from './decay.ts';

describe('Beta reputation', () => {
  it('is (r+1)/(r+s+2): neutral without evidence, moving with it', () => {
    expect(betaReputation(0, 0)).toBe(0.5);
    expect(betaReputation(8, 0)).toBeCloseTo(0.9, 12);
    expect(betaReputation(0, 8)).toBeCloseTo(0.1, 12);
    expect(betaReputation(3, 3)).toBe(0.5);
  });

  it('rises with positive and falls with negative evidence', () => {
    for (let r = 0; r < 20; r++) expect(betaReputation(r + 1, 2)).toBeGreaterThan(betaReputation(r, 2));
    for (let s = 0; s < 20; s++) expect(betaReputation(2, s + 1)).toBeLessThan(betaReputation(2, s));
  });

  it('forgets: old evidence fades with the trust half-life, reputation returns towards neutral', () => {
    const engine = new ScoringEngine({ trustHalfLifeMs: 10 * DAY_MS, recomputeEveryMs: 0 });
    const t0 = Date.UTC(2026, 2, 1);
    for (let i = 0; i < 10; i++)
      engine.ingestInteraction({ from: `fan${i}`, to: 'star', kind: 'reply', brand: 'b', at: t0 + i * 1000 });
    const fresh = engine.trustOf('star');
    expect(fresh.reputation).toBeGreaterThan(0.75);
    // Time moves on (another author's event advances the engine's clock); the score is read as of then.
    engine.ingestPost({
      postId: 'x:1',
      authorId: 'other',
      brands: ['b'],
      text: 'hello there',
      createdAt: t0 + 30 * DAY_MS,
    });
    const later = engine.score('star', 'b')!;
    expect(later.components.trust.positiveEvidence).toBeCloseTo(fresh.positive / 8, 1);
    expect(later.components.trust.reputation).toBeLessThan(fresh.reputation);
    expect(later.components.trust.reputation).toBeGreaterThan(0.5);
  });
});
