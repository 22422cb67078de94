import { describe, expect, it } from 'vitest';
import { analyzerFromConfig } from '../processors/enrich/pipeline/analyzer-from-config.ts';
import { runOffline } from '../processors/enrich/pipeline/offline.ts';
import { simulatorBrandConfigs } from '../platforms/simulator/brands.ts';
import { createSimulator } from '../platforms/simulator/generator.ts';
import { LateralConfig } from '../schema/config.ts';
import { expectedMentionsFromSimulator } from './expectations.ts';

/**
 * The expectation the crash and chaos tests compare the stored mentions with must be what the pipeline does
 * with every message delivered in order: checked in-process on a run with many malformed messages, where some
 * bare replies are tied to their brand only by a sibling's or a descendant's reply under a dead-lettered parent.
 */
describe('expected mentions of a simulator run', () => {
  it('equal what the analysis and threads stages make of it, cell by cell', async () => {
    const sim = { seed: 'tie-13', count: 3000, malformedRate: 0.05 };
    const config = LateralConfig.parse({ brands: simulatorBrandConfigs() });
    const items = [...createSimulator(sim).items(0)];
    const result = runOffline(
      items.map((i) => ({ source: 'simulator', payload: i.payload })),
      await analyzerFromConfig(config),
      config,
    );
    const got = new Map<string, number>();
    for (const m of result.mentions.values())
      got.set(`${m.brand}|${m.direction}`, (got.get(`${m.brand}|${m.direction}`) ?? 0) + 1);
    const expected = expectedMentionsFromSimulator(sim);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected.counts));
    // The run has replies that no delivered message ties to their brand, and none of them is a mention.
    expect(expected.unattributable.size).toBeGreaterThan(0);
    for (const id of expected.unattributable)
      expect([...result.mentions.values()].some((m) => m.postId === id)).toBe(false);
  }, 120_000);
});
