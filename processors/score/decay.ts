/**
 * Exponential forgetting. A decayed counter is a value at a reference time: at a later time t it is worth
 * value · 2^(−(t − at) / halfLife). All counters of one author share one reference time, so one timestamp
 * serves them all and memory stays fixed.
 */

export const DAY_MS = 86_400_000;

/** Weight of something `elapsedMs` old; events from the future (elapsed < 0) are not amplified. */
export function decayFactor(elapsedMs: number, halfLifeMs: number): number {
  if (!(elapsedMs > 0)) return 1;
  return Math.pow(2, -elapsedMs / halfLifeMs);
}

/** Multiplies every slot by the decay between `fromMs` and `toMs` (in place). */
export function ageInPlace(
  values: Float32Array | Float64Array,
  fromMs: number,
  toMs: number,
  halfLifeMs: number,
): void {
  const f = decayFactor(toMs - fromMs, halfLifeMs);
  if (f === 1) return;
  for (let i = 0; i < values.length; i++) values[i] = values[i]! * f;
}

/**
 * Weight with which an event at `eventMs` enters counters kept at `refMs`: a late (out-of-order) event is
 * added already decayed, so the order of arrival does not change the result.
 */
export function lateWeight(eventMs: number, refMs: number, halfLifeMs: number): number {
  return decayFactor(refMs - eventMs, halfLifeMs);
}

/** Steady event rate (per day) behind a decayed sum: a constant rate r accumulates to r · halfLife / ln 2. */
export function ratePerDay(decayedSum: number, halfLifeMs: number): number {
  return (decayedSum * Math.LN2 * DAY_MS) / halfLifeMs;
}
