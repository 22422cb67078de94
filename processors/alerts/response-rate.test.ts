import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { AlertRule } from '../../schema/alert.ts';
import { initialRuleState } from './detector.ts';
import { DEFAULT_RULES } from './rules.ts';
import { emptySeries, runBrand, type BrandSeries, type BrandState } from './series.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');
const rule = AlertRule.parse(DEFAULT_RULES.find((r) => r.series === 'response_rate')!);

/**
 * Customers addressing the brand (about `perMinute` a minute), answered within the hour with probability
 * `answered(minute)`.
 */
function responses(minutes: number, perMinute: number, answered: (i: number) => number): BrandSeries {
  const rng = seedrandom.alea('response');
  const series = emptySeries();
  const rows = new Map<
    number,
    { addressed: number; authentic: number; unanswered: number; authentic_unanswered: number }
  >();
  for (let i = 0; i < minutes; i++) {
    const addressed = Math.floor(perMinute * 2 * rng() + 0.5);
    let unanswered = 0;
    for (let j = 0; j < addressed; j++) if (rng() >= answered(i)) unanswered++;
    rows.set(T0 + i * MIN, { addressed, authentic: addressed, unanswered, authentic_unanswered: unanswered });
  }
  series.responses.set(rule.responseMinutes, rows);
  return series;
}

function detect(series: BrandSeries, minutes: number) {
  const state: BrandState = { next: T0, rules: { [rule.name]: initialRuleState() } };
  return runBrand('acme', [{ brand: 'acme', rule }], state, series, T0 + minutes * MIN, 180);
}

describe('response-rate rule', () => {
  it('fires when the brand stops answering, about the customers who wrote then', () => {
    const minutes = 3 * 24 * 60;
    const outage = { from: 2 * 24 * 60, to: 2 * 24 * 60 + 180 };
    // Usually 85 % answered within the hour; during three hours only 20 %.
    const series = responses(minutes, 0.8, (i) => (i >= outage.from && i < outage.to ? 0.2 : 0.85));
    const hits = detect(series, minutes);
    expect(hits.length).toBeGreaterThanOrEqual(1);
    const first = hits[0]!;
    // The window is when the unanswered customers wrote, not when it became known (an hour later).
    expect(first.windowEnd).toBeGreaterThan(T0 + outage.from * MIN);
    expect(first.windowStart).toBeLessThan(T0 + outage.to * MIN);
    expect(first.windowEnd - (T0 + outage.from * MIN)).toBeLessThanOrEqual(60 * MIN);
    expect(first.value.observed).toBeLessThan(0.5); // response rate in the window
    expect(first.value.expected).toBeGreaterThan(0.7); // the baseline
    for (const h of hits) {
      expect(h.windowEnd).toBeGreaterThan(T0 + outage.from * MIN);
      expect(h.windowStart).toBeLessThan(T0 + outage.to * MIN);
    }
  });

  it('stays quiet while the brand answers as usual, and with too few customers to judge', () => {
    const minutes = 3 * 24 * 60;
    expect(
      detect(
        responses(minutes, 0.8, () => 0.85),
        minutes,
      ),
    ).toEqual([]);
    // A few customers a day, none answered during the "outage": below minVolume, nothing to say.
    const sparse = responses(minutes, 0.01, (i) => (i >= 2 * 24 * 60 && i < 2 * 24 * 60 + 180 ? 0 : 0.85));
    expect(detect(sparse, minutes)).toEqual([]);
  });

  it('is rejected with a direction, and needs minRatio above 1', () => {
    expect(() =>
      AlertRule.parse({ name: 'r', series: 'response_rate', direction: 'customer_to_customer' }),
    ).toThrow(/direction/);
    expect(() => AlertRule.parse({ name: 'r', series: 'response_rate', minRatio: 1 })).toThrow(/minRatio/);
  });
});
