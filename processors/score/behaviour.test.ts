import { describe, expect, it } from 'vitest';
import { behaviourPrior, detectFlags, type BehaviourSignals } from './behaviour.ts';

const customer: BehaviourSignals = {
  posts: 8,
  reposts: 1,
  textPosts: 7,
  linkPosts: 0,
  duplicateOwn: 0,
  duplicateCross: 0,
  burst: 0,
  reviews: 1,
  extremeReviews: 0,
  syncReposts: 0,
  maxPerDay: 4,
  accountAgeDays: 900,
  followers: 150,
  following: 180,
};

describe('behaviour prior', () => {
  it('leaves an ordinary account alone', () => {
    expect(behaviourPrior(customer)).toEqual({ prior: 1, factors: {} });
  });

  it('drops for each spam or bot signal, and more for stronger ones', () => {
    const cases: Partial<BehaviourSignals>[] = [
      { declaredBot: true },
      { accountAgeDays: 3 },
      { following: 4000, followers: 5 },
      { duplicateOwn: 6 },
      { duplicateCross: 5 },
      { burst: 7 },
      { maxPerDay: 120 },
      { linkPosts: 8 },
      { reposts: 40, syncReposts: 20 },
      { reviews: 4, extremeReviews: 4 },
    ];
    for (const change of cases) {
      const { prior, factors } = behaviourPrior({ ...customer, ...change });
      expect(prior, JSON.stringify(change)).toBeLessThan(1);
      expect(Object.keys(factors).length).toBeGreaterThan(0);
    }
    expect(behaviourPrior({ ...customer, accountAgeDays: 2 }).prior).toBeLessThan(
      behaviourPrior({ ...customer, accountAgeDays: 20 }).prior,
    );
    expect(behaviourPrior({ ...customer, duplicateOwn: 7 }).prior).toBeLessThan(
      behaviourPrior({ ...customer, duplicateOwn: 2 }).prior,
    );
  });

  it("does not count a brand's canned replies against it", () => {
    expect(
      behaviourPrior({ ...customer, posts: 300, textPosts: 300, duplicateOwn: 200, isBrand: true }).prior,
    ).toBe(1);
  });
});

describe('flags', () => {
  it('raises nothing for an ordinary account', () => {
    expect(detectFlags(customer)).toEqual([]);
  });

  it('never flags on the profile alone (young, follows many)', () => {
    expect(detectFlags({ ...customer, accountAgeDays: 3, following: 5000, followers: 2 })).toEqual([]);
  });

  it('takes a self-declared bot at its word', () => {
    const flags = detectFlags({ ...customer, declaredBot: true });
    expect(flags).toEqual([{ flag: 'likely_bot', evidence: ['self-declared bot account'] }]);
  });

  it('flags automation: reposts only, synchronised with other accounts, on a young lopsided account', () => {
    const flags = detectFlags({
      ...customer,
      posts: 0,
      textPosts: 0,
      reposts: 20,
      syncReposts: 12,
      accountAgeDays: 9,
      following: 3000,
      followers: 4,
    });
    expect(flags.map((f) => f.flag)).toEqual(['likely_bot', 'coordinated']);
    expect(flags[0]!.evidence.join(' | ')).toMatch(
      /reposts only: 20 of 20.*within seconds.*account age 9 days/,
    );
  });

  it('flags spam: near-duplicate, link-laden posts in bursts', () => {
    const flags = detectFlags({
      ...customer,
      posts: 12,
      textPosts: 12,
      duplicateOwn: 10,
      linkPosts: 12,
      burst: 10,
      reposts: 0,
    });
    expect(flags.map((f) => f.flag)).toEqual(['spam']);
    expect(flags[0]!.evidence).toContain('near-duplicate own posts: 10 of 12');
  });

  it('needs more than one weak content signal to call it spam', () => {
    expect(detectFlags({ ...customer, posts: 10, linkPosts: 9 })).toEqual([]);
  });

  it('counts repeated text across accounts as coordination only with automation or spam signs', () => {
    expect(detectFlags({ ...customer, duplicateCross: 5 })).toEqual([]);
    const flags = detectFlags({
      ...customer,
      posts: 8,
      textPosts: 8,
      duplicateCross: 5,
      duplicateOwn: 6,
      linkPosts: 8,
    });
    expect(flags.map((f) => f.flag)).toContain('coordinated');
  });

  it('never flags a brand account', () => {
    expect(detectFlags({ ...customer, isBrand: true, maxPerDay: 300, duplicateOwn: 7, burst: 9 })).toEqual(
      [],
    );
  });
});
