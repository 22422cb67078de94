import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { AlertRule } from '../../schema/alert.ts';
import { nbUpperTail, RuleDetector } from './detector.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');

/** Poisson counts with a daily profile; `spikes` multiply the rate inside [from, to) minutes. */
function series(
  minutes: number,
  rate: number,
  spikes: { from: number; to: number; mult: number }[],
  seed = 's',
) {
  const rng = seedrandom.alea(seed);
  const poisson = (l: number) => {
    let k = 0;
    let p = Math.exp(-l);
    let s = p;
    const u = rng();
    while (u > s && k < 1000) {
      k++;
      p *= l / k;
      s += p;
    }
    return k;
  };
  return Array.from({ length: minutes }, (_, i) => {
    const hour = ((i / 60) % 24) / 24;
    const daily = 0.6 + 0.8 * Math.sin(Math.PI * hour) ** 2;
    const mult = spikes.find((s) => i >= s.from && i < s.to)?.mult ?? 1;
    return poisson(rate * daily * mult);
  });
}

function run(counts: number[], rule = AlertRule.parse({ name: 'r', series: 'volume', windowMinutes: 3 })) {
  const det = new RuleDetector(rule, { stepMs: MIN, warmupSteps: 180 });
  const hits = [];
  for (const [i, k] of counts.entries()) {
    const d = det.step({ t: T0 + i * MIN, k, n: k, pos: 0 });
    if (d) hits.push({ minute: i, ...d });
  }
  return { hits, det };
}

describe('negative binomial tail', () => {
  it('matches the Poisson limit and grows heavier with over-dispersion', () => {
    // P(X >= 10 | Poisson(2)) = 4.6e-5.
    expect(nbUpperTail(10, 2, 1e-6)).toBeCloseTo(4.6e-5, 6);
    expect(nbUpperTail(10, 2, 0.5)).toBeGreaterThan(nbUpperTail(10, 2, 0.01));
    expect(nbUpperTail(0, 2, 0.1)).toBe(1);
  });
});

describe('rule detector', () => {
  it('fires once per spike, early, and never on ordinary days', () => {
    const spikes = [
      { from: 36 * 60, to: 39 * 60, mult: 4 },
      { from: 60 * 60, to: 64 * 60, mult: 5 },
    ];
    const { hits } = run(series(72 * 60, 3, spikes));
    const nb = hits.filter((h) => h.detector === 'nb');
    for (const s of spikes) {
      const inside = hits.filter((h) => h.minute >= s.from && h.minute < s.to + 60);
      expect(inside.length, JSON.stringify(s)).toBeGreaterThanOrEqual(1);
      expect(inside[0]!.minute - s.from).toBeLessThanOrEqual(5);
    }
    const outside = hits.filter((h) => !spikes.some((s) => h.minute >= s.from && h.minute < s.to + 60));
    expect(outside).toEqual([]);
    expect(nb.every((h) => h.observed >= 2.5 * h.expected || h.severity !== 'critical')).toBe(true);
  });

  it('is not fooled by an earlier spike: the baseline after it stays near the normal level', () => {
    const normal = run(series(48 * 60, 3, [], 'x'));
    const spiked = run(series(48 * 60, 3, [{ from: 24 * 60, to: 30 * 60, mult: 6 }], 'x'));
    const a = normal.det.state.level!;
    const b = spiked.det.state.level!;
    expect(Math.abs(b - a) / a).toBeLessThan(0.25);
  });

  it('keeps its whole state as JSON: a restored detector continues identically', () => {
    const counts = series(40 * 60, 3, [{ from: 30 * 60, to: 33 * 60, mult: 5 }]);
    const rule = AlertRule.parse({ name: 'r', series: 'volume' });
    const whole = run(counts, rule).hits.map((h) => h.windowStart);
    const first = new RuleDetector(rule, { stepMs: MIN, warmupSteps: 180 });
    const hits: number[] = [];
    counts.slice(0, 1000).forEach((k, i) => {
      const d = first.step({ t: T0 + i * MIN, k, n: k, pos: 0 });
      if (d) hits.push(d.windowStart);
    });
    const restored = new RuleDetector(
      rule,
      { stepMs: MIN, warmupSteps: 180 },
      JSON.parse(JSON.stringify(first.state)),
    );
    counts.slice(1000).forEach((k, j) => {
      const i = j + 1000;
      const d = restored.step({ t: T0 + i * MIN, k, n: k, pos: 0 });
      if (d) hits.push(d.windowStart);
    });
    expect(hits).toEqual(whole);
  });

  it('gates on minimum volume and ratio, and stays quiet during the cooldown', () => {
    const rule = AlertRule.parse({ name: 'r', series: 'volume', minVolume: 1000 });
    const { hits } = run(series(40 * 60, 3, [{ from: 30 * 60, to: 33 * 60, mult: 6 }]), rule);
    expect(hits.filter((h) => h.detector === 'nb')).toEqual([]);
    const two = run(
      series(40 * 60, 3, [
        { from: 30 * 60, to: 30 * 60 + 20, mult: 6 },
        { from: 30 * 60 + 30, to: 30 * 60 + 50, mult: 6 },
      ]),
      AlertRule.parse({ name: 'r', series: 'volume', cooldownMinutes: 60 }),
    );
    expect(two.hits.filter((h) => h.detector === 'nb')).toHaveLength(1);
  });

  it('alerts on a negative share turn at steady volume', () => {
    const rng = seedrandom.alea('share');
    const rule = AlertRule.parse({ name: 's', series: 'negative_share', windowMinutes: 10, minVolume: 20 });
    const det = new RuleDetector(rule, { stepMs: MIN, warmupSteps: 180 });
    const hits: number[] = [];
    for (let i = 0; i < 30 * 60; i++) {
      const n = 6;
      const share = i >= 20 * 60 && i < 21 * 60 ? 0.8 : 0.25;
      let k = 0;
      for (let j = 0; j < n; j++) if (rng() < share) k++;
      const d = det.step({ t: T0 + i * MIN, k, n, pos: n - k });
      if (d) hits.push(i);
    }
    expect(hits.length).toBeGreaterThanOrEqual(1);
    expect(hits.every((m) => m >= 20 * 60 && m < 21 * 60 + 30)).toBe(true);
  });
});
