import { queryRows, type ClickHouseClient } from '../../core/clickhouse.ts';
import type { AlertRule } from '../../schema/alert.ts';
import { alertQueries } from '../../schema/queries/alerts.ts';
import { RuleDetector, type Detection, type RuleState, type StepInput } from './detector.ts';
import type { BrandRule } from './rules.ts';

export const MINUTE = 60_000;

/** Counts of one brand in one minute per direction (raw and authentic). */
export interface MinuteRow {
  brand: string;
  minute: number;
  direction: string;
  mentions: number;
  authentic: number;
  negative: number;
  authentic_negative: number;
  positive: number;
  authentic_positive: number;
}

/** Customers of one brand who addressed it in one minute, and how many of them it left unanswered. */
export interface ResponseRow {
  addressed: number;
  authentic: number;
  unanswered: number;
  authentic_unanswered: number;
}

/** What the rules of one brand read: minute rows, and response rows per answer window (minutes). */
export interface BrandSeries {
  minutes: Map<number, MinuteRow[]>;
  /** responseMinutes → minute start (ms) → row; the minute is when the customers wrote. */
  responses: Map<number, Map<number, ResponseRow>>;
}

export const emptySeries = (): BrandSeries => ({ minutes: new Map(), responses: new Map() });

/**
 * What the rules need to be evaluated over [from, to), per brand: minute rows, and for every answer window R of
 * a response_rate rule, response rows of the minutes [from − R, to − R) (the customers who wrote then, answered
 * within R or not).
 */
export async function loadSeries(
  client: ClickHouseClient,
  brands: string[],
  from: number,
  to: number,
  responseMinutes: number[] = [],
): Promise<Map<string, BrandSeries>> {
  const out = new Map<string, BrandSeries>();
  const of = (brand: string) => {
    let s = out.get(brand);
    if (!s) out.set(brand, (s = emptySeries()));
    return s;
  };
  for (const [brand, minutes] of await loadMinutes(client, brands, from, to)) of(brand).minutes = minutes;
  for (const r of new Set(responseMinutes)) {
    const rows = await queryRows<Record<string, string | number>>(
      client,
      alertQueries.responseSeries(brands, new Date(from - r * MINUTE), new Date(to - r * MINUTE), r),
    );
    for (const row of rows) {
      const s = of(String(row.brand));
      const byMinute = s.responses.get(r) ?? new Map<number, ResponseRow>();
      s.responses.set(r, byMinute);
      byMinute.set(Number(row.minute) * 1000, {
        addressed: Number(row.addressed),
        authentic: Number(row.authentic),
        unanswered: Number(row.unanswered),
        authentic_unanswered: Number(row.authentic_unanswered),
      });
    }
  }
  return out;
}

/** The answer windows the rules of a brand need (response_rate rules). */
export const responseWindows = (rules: BrandRule[]): number[] =>
  rules.filter((r) => r.rule.series === 'response_rate').map((r) => r.rule.responseMinutes);

/** Minute rows of these brands in [from, to), keyed brand → minute start (ms) → rows. */
async function loadMinutes(
  client: ClickHouseClient,
  brands: string[],
  from: number,
  to: number,
): Promise<Map<string, Map<number, MinuteRow[]>>> {
  const rows = await queryRows<Record<string, string | number>>(
    client,
    alertQueries.minuteSeries(brands, new Date(from), new Date(to)),
  );
  const out = new Map<string, Map<number, MinuteRow[]>>();
  for (const r of rows) {
    const row: MinuteRow = {
      brand: String(r.brand),
      minute: Number(r.minute) * 1000,
      direction: String(r.direction),
      mentions: Number(r.mentions),
      authentic: Number(r.authentic),
      negative: Number(r.negative),
      authentic_negative: Number(r.authentic_negative),
      positive: Number(r.positive),
      authentic_positive: Number(r.authentic_positive),
    };
    const byMinute = out.get(row.brand) ?? new Map<number, MinuteRow[]>();
    out.set(row.brand, byMinute);
    const list = byMinute.get(row.minute) ?? [];
    list.push(row);
    byMinute.set(row.minute, list);
  }
  return out;
}

/**
 * What a rule reads at minute t of a brand. A response_rate rule reads the customers who wrote R minutes
 * earlier (R = responseMinutes): only now is it known which of them the brand answered within R.
 */
export function ruleInput(rule: AlertRule, t: number, series: BrandSeries): StepInput {
  const authentic = rule.counts === 'authentic';
  if (rule.series === 'response_rate') {
    const r = series.responses.get(rule.responseMinutes)?.get(t - rule.responseMinutes * MINUTE);
    const n = r ? (authentic ? r.authentic : r.addressed) : 0;
    const k = r ? (authentic ? r.authentic_unanswered : r.unanswered) : 0;
    return { t, k, n, pos: 0 };
  }
  const rows = series.minutes.get(t) ?? [];
  let all = 0;
  let neg = 0;
  let pos = 0;
  for (const r of rows) {
    if (rule.direction !== 'all' && r.direction !== rule.direction) continue;
    all += authentic ? r.authentic : r.mentions;
    neg += authentic ? r.authentic_negative : r.negative;
    pos += authentic ? r.authentic_positive : r.positive;
  }
  if (rule.series === 'volume') return { t, k: all, n: all, pos };
  if (rule.series === 'negative') return { t, k: neg, n: neg, pos };
  return { t, k: neg, n: all, pos };
}

export interface BrandState {
  /** Next minute to evaluate (ms). */
  next: number;
  /** Minutes of this brand seen so far (warm-up). */
  rules: Record<string, RuleState>;
}

export interface BrandDetection extends Detection {
  brand: string;
  rule: string;
  ruleSpec: AlertRule;
}

/**
 * Runs a brand's rules over minutes [state.next, until) and advances the state. Minutes without rows count
 * as zero. Deterministic: the same state and data always give the same detections.
 */
export function runBrand(
  brand: string,
  rules: BrandRule[],
  state: BrandState,
  series: BrandSeries,
  until: number,
  warmupMinutes: number,
): BrandDetection[] {
  const detectors = rules.map(
    ({ rule }) =>
      new RuleDetector(rule, { stepMs: MINUTE, warmupSteps: warmupMinutes }, state.rules[rule.name]),
  );
  const out: BrandDetection[] = [];
  for (let t = state.next; t < until; t += MINUTE) {
    detectors.forEach((d, i) => {
      const rule = rules[i]!.rule;
      const hit = d.step(ruleInput(rule, t, series));
      if (!hit) return;
      // A response alert is about the customers who wrote then, not about the minute it was known.
      const shift = rule.series === 'response_rate' ? rule.responseMinutes * MINUTE : 0;
      out.push({
        ...hit,
        windowStart: hit.windowStart - shift,
        windowEnd: hit.windowEnd - shift,
        brand,
        rule: rule.name,
        ruleSpec: rule,
      });
    });
  }
  rules.forEach(({ rule }, i) => (state.rules[rule.name] = detectors[i]!.state));
  state.next = Math.max(state.next, until);
  return out;
}
