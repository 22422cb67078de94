import { describe, expect, it } from 'vitest';
import { simulatorBrandConfigs } from '../../../platforms/simulator/brands.ts';
import { createSimulator } from '../../../platforms/simulator/generator.ts';
import { LateralConfig } from '../../../schema/config.ts';
import { analyzerFromConfig } from './analyzer-from-config.ts';
import { runOffline } from './offline.ts';

describe('replies that do not name the brand (simulator, in-process)', () => {
  it('≥ 99% of thread messages become mentions of the right brand with the right direction', async () => {
    const config = LateralConfig.parse({ brands: simulatorBrandConfigs() });
    const analyzer = await analyzerFromConfig(config);
    const items = [
      ...createSimulator({
        seed: 'thread-mentions',
        count: 3000,
        outOfOrderRate: 0.05,
        bareReplyShare: 0.5,
      }).items(0),
    ].filter((i) => !i.truth.malformed);
    const result = runOffline(
      items.map((i) => ({ source: 'simulator', payload: i.payload })),
      analyzer,
      config,
    );
    const bare = items.filter((i) => i.truth.threadBrand !== undefined);
    // the default share: about half of the lateral replies leave the brand unnamed
    expect(bare.length).toBeGreaterThan(100);
    let right = 0;
    let viaThread = 0;
    for (const { truth } of bare) {
      const m = result.mentions.get(`${truth.threadBrand}|${truth.postId}`);
      if (m?.direction === truth.direction) right++;
      if (m?.matchedBy === 'thread') viaThread++;
    }
    // all thread messages: the brand-less ones and those naming the brand
    const threadMessages = items.filter(
      (i) => i.truth.brands.length > 0 && (i.truth.replyTo || i.truth.quoteOf || i.truth.repostOf),
    );
    let threadRight = 0;
    for (const { truth } of threadMessages) {
      const m = result.mentions.get(`${truth.brands[0]}|${truth.postId}`);
      if (m?.direction === truth.direction) threadRight++;
    }
    // no post becomes a mention of a brand the truth does not give it
    const truthKeys = new Set(items.flatMap((i) => i.truth.brands.map((b) => `${b}|${i.truth.postId}`)));
    for (const i of items)
      if (i.truth.ownerReply) truthKeys.add(`${i.truth.brands[0]}|${i.truth.ownerReply.postId}`);
    const extra = [...result.mentions.keys()].filter((k) => !truthKeys.has(k));
    console.log(
      `brand-less replies ${bare.length}: right brand+direction ${((100 * right) / bare.length).toFixed(2)}%, ` +
        `all thread messages ${threadMessages.length}: ${((100 * threadRight) / threadMessages.length).toFixed(2)}%, extra ${extra.length}`,
    );
    expect(viaThread).toBe(bare.length);
    expect(right / bare.length).toBeGreaterThanOrEqual(0.99);
    expect(threadRight / threadMessages.length).toBeGreaterThanOrEqual(0.99);
    expect(extra).toEqual([]);
  }, 90_000);

  it('without thread resolution those replies would be lost: the simulator share is configurable', () => {
    const count = (bareReplyShare: number) =>
      [...createSimulator({ seed: 'thread-share', count: 1500, bareReplyShare }).items(0)].filter(
        (i) => i.truth.threadBrand !== undefined,
      ).length;
    expect(count(0)).toBe(0);
    const half = count(0.5);
    const all = count(1);
    expect(half).toBeGreaterThan(0.3 * all);
    expect(half).toBeLessThan(0.7 * all);
  });
});
