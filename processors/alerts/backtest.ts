import { queryRows } from '../../core/clickhouse.ts';
import type { Runtime } from '../../core/runtime.ts';
import type { Alert } from '../../schema/alert.ts';
import { alertQueries } from '../../schema/queries/alerts.ts';
import { initialRuleState } from './detector.ts';
import { toAlert } from './component.ts';
import { resolveRules } from './rules.ts';
import { emptySeries, loadSeries, MINUTE, responseWindows, runBrand, type BrandState } from './series.ts';

const DAY = 86_400_000;

/**
 * `lateral alerts backtest`: the configured rules over stored data, as the component would have run them
 * (the baseline learns from `baselineDays` before `since`), without storing or sending anything.
 */
export async function backtest(
  rt: Runtime,
  options: { brand?: string; since: Date; until?: Date },
): Promise<Alert[]> {
  const cfg = rt.config.alerts;
  const rules = resolveRules(rt.config).filter((r) => !options.brand || r.brand === options.brand);
  const marks = await queryRows<{ brand: string; first_bucket: string; last_bucket: string }>(
    rt.clickhouse,
    alertQueries.brandWatermarks(),
  );
  const since = Math.floor(options.since.getTime() / MINUTE) * MINUTE;
  const out: Alert[] = [];
  for (const brand of [...new Set(rules.map((r) => r.brand))]) {
    const mark = marks.find((m) => m.brand === brand);
    if (!mark) continue;
    const first = Date.parse(`${mark.first_bucket.replace(' ', 'T')}Z`);
    const last = Date.parse(`${mark.last_bucket.replace(' ', 'T')}Z`) + MINUTE;
    const until = Math.min(last, options.until?.getTime() ?? last);
    const brandRules = rules.filter((r) => r.brand === brand);
    const state: BrandState = {
      next: Math.max(first, since - cfg.baselineDays * DAY),
      rules: Object.fromEntries(brandRules.map(({ rule }) => [rule.name, initialRuleState()])),
    };
    while (state.next < until) {
      const to = Math.min(until, state.next + DAY);
      const series =
        (await loadSeries(rt.clickhouse, [brand], state.next, to, responseWindows(brandRules))).get(brand) ??
        emptySeries();
      for (const d of runBrand(brand, brandRules, state, series, to, cfg.warmupMinutes))
        if (d.windowEnd > since) out.push(await toAlert(rt.clickhouse, d));
    }
  }
  return out.sort(
    (a, b) => a.window.start.localeCompare(b.window.start) || a.alertId.localeCompare(b.alertId),
  );
}

/** One block per alert: the line a brand manager reads, then the evidence. */
export function formatAlert(a: Alert): string {
  const e = a.explanation;
  const lines = [
    `${a.window.start.slice(0, 16).replace('T', ' ')}  ${a.severity.padEnd(8)} ${a.rule} (${a.detector}, p=${a.pValue.toExponential(1)})`,
    `  ${e.summary}`,
  ];
  if (e.byDirection.length)
    lines.push(
      `  directions: ${e.byDirection.map((d) => `${d.direction} ${d.observed} (exp ${d.expected})`).join(', ')}`,
    );
  if (e.risingTerms.length)
    lines.push(`  rising terms: ${e.risingTerms.map((t) => `${t.term} ×${t.lift}`).join(', ')}`);
  for (const au of e.topAuthors.slice(0, 3))
    lines.push(
      `  author @${au.handle}: ${au.followers} followers, influence ${au.influence ?? '-'}, trust ${au.trust ?? '-'}${au.flags.length ? `, flags ${au.flags.join(',')}` : ''}`,
    );
  for (const s of e.samples)
    lines.push(`  post ${s.url} @${s.author}: ${s.text.replace(/\s+/g, ' ').slice(0, 120)}`);
  return lines.join('\n');
}
