import { queryRows, type ClickHouseClient } from '../../core/clickhouse.ts';
import { alertQueries } from '../../schema/queries/alerts.ts';

export interface LastAlert {
  brand: string;
  rule: string;
  severity: string;
  windowStart: string;
  summary: string;
  alerts: number;
  delivered: number;
}

function summaryOf(explanation: string | undefined): string {
  try {
    return String((JSON.parse(explanation ?? '{}') as { summary?: string }).summary ?? '');
  } catch {
    return '';
  }
}

/** The newest alert per brand for `lateral status` ([] before the alerts table exists). */
export async function lastAlerts(client: ClickHouseClient): Promise<LastAlert[]> {
  try {
    const rows = await queryRows<Record<string, string>>(client, alertQueries.lastAlertPerBrand());
    return rows.map((r) => {
      const summary = summaryOf(r.last_explanation);
      return {
        brand: r.brand!,
        rule: r.last_rule!,
        severity: r.last_severity!,
        windowStart: r.last_window_start!,
        summary,
        alerts: Number(r.alerts),
        delivered: Number(r.delivered_alerts),
      };
    });
  } catch {
    return [];
  }
}

export function formatLastAlerts(alerts: LastAlert[]): string[] {
  const lines = ['', 'last alert per brand'];
  if (alerts.length === 0) lines.push('(no alert yet)');
  for (const a of alerts)
    lines.push(
      `${a.brand.padEnd(20)}${a.windowStart}  ${a.severity.padEnd(9)}${a.rule} (${a.delivered}/${a.alerts} delivered)`,
      `${''.padEnd(20)}${a.summary.slice(0, 160)}`,
    );
  return lines;
}
