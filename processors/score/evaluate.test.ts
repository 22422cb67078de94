import { describe, expect, it } from 'vitest';
import { evaluateOnSimulator } from './evaluate.ts';

/**
 * Acceptance figures on simulator ground truth (30,000 items, ~3,700 authors, three brand communities).
 * Printed for the record, asserted against the targets in processors/score/README.md.
 */
describe('scoring on the simulator', () => {
  it('ranks influencers by the reactions they draw in each community and flags bots and spammers, not customers', () => {
    const result = evaluateOnSimulator({ seed: 'score-eval', count: 30_000 });
    const { byRole } = result;
    const { influencers, silentLarge, celebrities } = result.influence;
    const worst = influencers.reduce((w, r) => (r.rank / r.communitySize > w.rank / w.communitySize ? r : w));
    const best = (list: typeof influencers) =>
      list.reduce((b, r) => (r.rank / r.communitySize < b.rank / b.communitySize ? r : b));
    const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
    console.log(
      [
        `scoring on simulator: ${result.items} items, ${result.posts} posts, ${result.interactions} interactions, ${result.authors} authors`,
        `  communities: ${result.communities.map((c) => `${c.brand} ${c.size}`).join(', ')}`,
        `  flags: precision ${result.precision.toFixed(3)}, recall ${result.recall.toFixed(3)}, false-flag rate ${(100 * result.falseFlagRate).toFixed(2)} %`,
        ...Object.entries(byRole).map(
          ([role, f]) =>
            `  ${role}: ${f.authors} authors, ${f.flagged} flagged (${f.expectedFlag} with the role's flag), mean trust ${f.meanTrust.toFixed(1)}`,
        ),
        `  influencers whose reactions drawn (truth) put them in a community's top 5 %: ${influencers.length} memberships, ${pct(result.influence.influencersInTop5)} in the top 5 %; worst rank ${worst.rank} of ${worst.communitySize} (${worst.brand})`,
        `  large accounts nobody reacted to in the community: ${silentLarge.length} memberships, ${pct(result.influence.silentLargeInTop5)} in the top 5 %; best rank ${best(silentLarge).rank} of ${best(silentLarge).communitySize}`,
        `  celebrities (large audience, little resonance): ${byRole.celebrity.authors} accounts, ${celebrities.length} memberships, ${pct(result.influence.celebritiesInTop5)} in the top 5 %; best rank ${best(celebrities).rank} of ${best(celebrities).communitySize}`,
        `  state: ${result.stateBytes.mean} B/author mean, p99 ${result.stateBytes.p99} B, max ${result.stateBytes.max} B`,
      ].join('\n'),
    );

    expect(byRole.bot.authors).toBeGreaterThan(20);
    expect(byRole.spammer.authors).toBeGreaterThan(20);
    expect(influencers.length).toBeGreaterThan(20);
    expect(byRole.celebrity.authors).toBeGreaterThanOrEqual(10);
    expect(celebrities.length).toBeGreaterThan(20);
    expect(silentLarge.length).toBeGreaterThan(10);
    expect(result.precision).toBeGreaterThanOrEqual(0.9);
    expect(result.recall).toBeGreaterThanOrEqual(0.8);
    expect(result.falseFlagRate).toBeLessThanOrEqual(0.02);
    // The role-specific flag, not just any flag.
    expect(byRole.bot.expectedFlag / byRole.bot.authors).toBeGreaterThanOrEqual(0.8);
    expect(byRole.spammer.expectedFlag / byRole.spammer.authors).toBeGreaterThanOrEqual(0.8);
    for (const r of influencers)
      expect(r.rank, `${r.authorId} in ${r.brand}`).toBeLessThanOrEqual(Math.ceil(0.05 * r.communitySize));
    // A large audience without reactions in a community is not influence there.
    for (const r of [...silentLarge, ...celebrities])
      expect(r.rank, `${r.authorId} in ${r.brand}`).toBeGreaterThan(Math.ceil(0.05 * r.communitySize));
    // Trust: customers keep the neutral-or-better trust of people; bots and spammers lose it.
    expect(byRole.customer.meanTrust).toBeGreaterThan(40);
    expect(byRole.bot.meanTrust).toBeLessThan(10);
    expect(byRole.spammer.meanTrust).toBeLessThan(10);
    expect(result.stateBytes.mean).toBeLessThanOrEqual(1024);
  }, 120_000);
});
