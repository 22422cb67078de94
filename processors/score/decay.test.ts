import { describe, expect, it } from 'vitest';
import { ageInPlace, DAY_MS, decayFactor, lateWeight, ratePerDay } from './decay.ts';

describe('decay', () => {
  const H = 7 * DAY_MS;

  it('halves a value every half-life', () => {
    expect(decayFactor(H, H)).toBeCloseTo(0.5, 12);
    expect(decayFactor(3 * H, H)).toBeCloseTo(0.125, 12);
    expect(decayFactor(0, H)).toBe(1);
  });

  it('never amplifies events from the future', () => {
    expect(decayFactor(-DAY_MS, H)).toBe(1);
  });

  it('ages counters in place and adds late events already decayed', () => {
    const counters = new Float64Array([8, 2]);
    ageInPlace(counters, 0, 2 * H, H);
    expect([...counters]).toEqual([2, 0.5]);
    // An event one half-life older than the reference time enters at half weight.
    expect(lateWeight(0, H, H)).toBeCloseTo(0.5, 12);
    expect(lateWeight(2 * H, H, H)).toBe(1);
  });

  it('recovers the rate behind a steady decayed sum', () => {
    // 10 events a day for 200 days, one at a time.
    let sum = 0;
    for (let day = 0; day < 200 * 10; day++) sum = sum * decayFactor(DAY_MS / 10, H) + 1;
    expect(ratePerDay(sum, H)).toBeCloseTo(10, 0);
  });
});
