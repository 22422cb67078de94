import { describe, expect, it } from 'vitest';
import {
  AUDIENCE_SCALE,
  audienceFactor,
  communityInfluence,
  influenceConfidence,
  meetsEvidenceRule,
} from './community-influence.ts';
import type { InfluenceFeatures } from './influence.ts';

/** Community features of an author with `n` reactions from `n` distinct people over `posts` own posts. */
const reacted = (n: number, followers: number, posts = 3): InfluenceFeatures => ({
  followers,
  following: 200,
  posts,
  repostsReceived: n / 3,
  mentionsReceived: (2 * n) / 3,
  uniqueReactors: n,
  pagerank: 1 + n / 10,
});
const silent = (followers: number): InfluenceFeatures => ({
  followers,
  following: 200,
  posts: 40,
  repostsReceived: 0,
  mentionsReceived: 0,
  uniqueReactors: 0,
  // PageRank gives every node teleport mass even without in-edges.
  pagerank: 0.4,
});

const audiences = [0, 10, 300, 5_000, 200_000, 1e6, 5e7];

describe('communityInfluence', () => {
  it('scores an author without reactions 0, whatever the audience', () => {
    for (const followers of audiences) {
      const r = communityInfluence(silent(followers));
      expect(r.score).toBe(0);
      expect(r.evidence).toBe(0);
    }
    expect(communityInfluence({}).score).toBe(0);
  });

  it('ranks every author with at least one reaction above every author with none', () => {
    const smallest = [
      { uniqueReactors: 1 },
      { mentionsReceived: 0.01 },
      { repostsReceived: 0.01, posts: 1000 },
      { ...reacted(1, 0), pagerank: 0 },
    ];
    for (const few of smallest)
      for (const followers of audiences)
        for (const bigFollowers of audiences)
          expect(communityInfluence({ ...few, followers }).score).toBeGreaterThan(
            communityInfluence(silent(bigFollowers)).score,
          );
  });

  it('lets audience scale evidence: equal evidence ranks by audience', () => {
    let previous = -Infinity;
    for (const followers of audiences) {
      const s = communityInfluence(reacted(8, followers)).score;
      expect(s).toBeGreaterThanOrEqual(previous);
      previous = s;
    }
    expect(communityInfluence(reacted(8, 200_000)).score).toBeGreaterThan(
      communityInfluence(reacted(8, 200)).score,
    );
  });

  it('never lets audience stand in for evidence: at most (1 + w) times, so much more evidence wins', () => {
    const w = AUDIENCE_SCALE.weight;
    for (const followers of audiences) expect(audienceFactor(followers)).toBeLessThanOrEqual(1 + w);
    // A customer 40 people answered, no audience, against a huge account two people answered.
    expect(communityInfluence(reacted(40, 0)).score).toBeGreaterThan(
      communityInfluence(reacted(2, 5e7)).score,
    );
    // Ratio of scores is exactly the ratio of the audience factors when evidence is equal.
    const a = communityInfluence(reacted(8, 5e7));
    const b = communityInfluence(reacted(8, 0));
    expect(a.score / b.score).toBeCloseTo(1 + w, 12);
  });

  it('does not use reach or the profile penalties in the score', () => {
    const r = communityInfluence({ ...reacted(5, 1000), following: 90_000 });
    expect(r.components.reach).toBeGreaterThan(0);
    expect(r.components.imbalance).toBeLessThan(0);
    expect(r.score).toBeCloseTo(r.evidence * r.audience, 12);
    expect(communityInfluence(reacted(5, 1000)).score).toBeCloseTo(r.score, 12);
  });
});

describe('evidence rule and confidence', () => {
  it('needs three distinct reactors', () => {
    expect([0, 1, 2, 3, 10].map((u) => meetsEvidenceRule(u))).toEqual([false, false, false, true, true]);
  });

  it('grows with distinct reactors, from 0 to 1, half at five', () => {
    expect(influenceConfidence(0)).toBe(0);
    expect(influenceConfidence(5)).toBeCloseTo(0.5, 12);
    let previous = 0;
    for (const u of [1, 2, 3, 10, 100, 1e4]) {
      const c = influenceConfidence(u);
      expect(c).toBeGreaterThan(previous);
      expect(c).toBeLessThan(1);
      previous = c;
    }
    expect(influenceConfidence(Number.NaN)).toBe(0);
  });
});
