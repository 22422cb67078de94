import { describe, expect, it } from 'vitest';
import { evaluateOnSimulator } from './evaluate.ts';

/**
 * The acceptance figures of issue #5 on simulator ground truth (30,000 items, ~3,700 authors, three brand
 * communities). Printed for the record, asserted against the issue's targets.
 */
describe('scoring on the simulator', () => {
  it('ranks planted influencers at the top and flags bots and spammers, not customers', () => {
    const result = evaluateOnSimulator({ seed: 'score-eval', count: 30_000 });
    const { byRole, influencers } = result;
    const worst = influencers.reduce((w, r) => (r.rank / r.communitySize > w.rank / w.communitySize ? r : w));
    console.log(
      [
        `scoring on simulator: ${result.items} items, ${result.posts} posts, ${result.interactions} interactions, ${result.authors} authors`,
        `  communities: ${result.communities.map((c) => `${c.brand} ${c.size}`).join(', ')}`,
        `  flags: precision ${result.precision.toFixed(3)}, recall ${result.recall.toFixed(3)}, false-flag rate ${(100 * result.falseFlagRate).toFixed(2)} %`,
        ...Object.entries(byRole).map(
          ([role, f]) =>
            `  ${role}: ${f.authors} authors, ${f.flagged} flagged (${f.expectedFlag} with the role's flag), mean trust ${f.meanTrust.toFixed(1)}`,
        ),
        `  influencers: ${influencers.length} influencer × brand memberships, ${(100 * result.influencersInTop5).toFixed(1)} % in the top 5 %; worst rank ${worst.rank} of ${worst.communitySize} (${worst.brand})`,
        `  state: ${result.stateBytes.mean} B/author mean, p99 ${result.stateBytes.p99} B, max ${result.stateBytes.max} B`,
      ].join('\n'),
    );

    expect(byRole.bot.authors).toBeGreaterThan(20);
    expect(byRole.spammer.authors).toBeGreaterThan(20);
    expect(influencers.length).toBeGreaterThan(20);
    expect(result.precision).toBeGreaterThanOrEqual(0.9);
    expect(result.recall).toBeGreaterThanOrEqual(0.8);
    expect(result.falseFlagRate).toBeLessThanOrEqual(0.02);
    // The role-specific flag, not just any flag.
    expect(byRole.bot.expectedFlag / byRole.bot.authors).toBeGreaterThanOrEqual(0.8);
    expect(byRole.spammer.expectedFlag / byRole.spammer.authors).toBeGreaterThanOrEqual(0.8);
    for (const r of influencers)
      expect(r.rank, `${r.authorId} in ${r.brand}`).toBeLessThanOrEqual(Math.ceil(0.05 * r.communitySize));
    // Trust: customers keep the neutral-or-better trust of people; bots and spammers lose it.
    expect(byRole.customer.meanTrust).toBeGreaterThan(40);
    expect(byRole.bot.meanTrust).toBeLessThan(10);
    expect(byRole.spammer.meanTrust).toBeLessThan(10);
    expect(result.stateBytes.mean).toBeLessThanOrEqual(1024);
  }, 120_000);
});
