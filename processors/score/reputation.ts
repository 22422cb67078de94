/**
 * Beta reputation (Jøsang & Ismail): with r positive and s negative pieces of evidence, the expected
 * probability that the author behaves well is (r + 1) / (r + s + 2). Evidence is forgotten exponentially
 * (the counters are decayed by the trust half-life), so an author can recover and old fame fades.
 *
 * Positive evidence: a reply, quote, repost or mention from another author, weighted by that reactor's trust
 * and hyperactivity discount (a repeat reactor counts a quarter: distinct peers vouch, one fan does not).
 * Negative evidence: each spam or bot signal observed on the author's own posts (near-duplicate, burst,
 * synchronised repost, coordinated text), and a small "ignored" charge per post, so that posting much and
 * being answered by nobody lowers reputation slowly.
 */

export const IGNORED_POST_CHARGE = 0.1;
export const REPEAT_REACTOR_WEIGHT = 0.25;

export function betaReputation(positive: number, negative: number): number {
  return (positive + 1) / (positive + negative + 2);
}
