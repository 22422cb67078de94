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

/** Minute rows of these brands in [from, to), keyed brand → minute start (ms) → rows. */
export async function loadMinutes(
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

/** What a rule reads from one minute of a brand. */
export function ruleInput(rule: AlertRule, t: number, rows: MinuteRow[]): StepInput {
  const authentic = rule.counts === 'authentic';
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
  minutes: Map<number, MinuteRow[]>,
  until: number,
  warmupMinutes: number,
): BrandDetection[] {
  const detectors = rules.map(
    ({ rule }) =>
      new RuleDetector(rule, { stepMs: MINUTE, warmupSteps: warmupMinutes }, state.rules[rule.name]),
  );
  const out: BrandDetection[] = [];
  for (let t = state.next; t < until; t += MINUTE) {
    const rows = minutes.get(t) ?? [];
    detectors.forEach((d, i) => {
      const rule = rules[i]!.rule;
      const hit = d.step(ruleInput(rule, t, rows));
      if (hit) out.push({ ...hit, brand, rule: rule.name, ruleSpec: rule });
    });
  }
  rules.forEach(({ rule }, i) => (state.rules[rule.name] = detectors[i]!.state));
  state.next = Math.max(state.next, until);
  return out;
}
