import cron, { type ScheduledTask } from 'node-cron';
import type { Consumer } from 'kafkajs';
import { queryRows, type ClickHouseClient } from '../../core/clickhouse.ts';
import { failpoint } from '../../core/failpoints.ts';
import { groupId } from '../../core/kafka.ts';
import { createLogger } from '../../core/logger.ts';
import { setHealth } from '../../core/metrics.ts';
import { retry } from '../../core/retry.ts';
import type { Runtime } from '../../core/runtime.ts';
import { toClickHouseDateTime } from '../../core/sql.ts';
import { Alert } from '../../schema/alert.ts';
import { alertQueries } from '../../schema/queries/alerts.ts';
import { topicName } from '../../schema/topics.ts';
import { initialRuleState } from './detector.ts';
import { alertId, explain } from './explain.ts';
import { configuredNotifiers, kafkaNotifier, type Notifier } from './notifiers.ts';
import { resolveRules, type BrandRule } from './rules.ts';
import {
  emptySeries,
  loadSeries,
  MINUTE,
  responseWindows,
  runBrand,
  type BrandDetection,
  type BrandState,
} from './series.ts';

const log = createLogger('alerts');
const DAY = 86_400_000;
/** Minutes loaded per query while catching up (a backfill of weeks is read a day at a time). */
const CHUNK = DAY;

export interface AlertsOptions {
  /** Extra channels (the demo's local receiver, tests). */
  notifiers?: Notifier[];
  /** Called once per alert when it is first stored (the demo prints it). */
  onAlert?: (alert: Alert) => void;
  /** Join the leadership group; off for one-shot runs (backtest, tests that run one instance). */
  leadership?: boolean;
}

const toRowTime = (ms: number) => toClickHouseDateTime(new Date(ms));
const fromRowTime = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);

export function alertRow(alert: Alert, version: number, delivered: boolean): Record<string, unknown> {
  return {
    alert_id: alert.alertId,
    brand: alert.brand,
    rule: alert.rule,
    series: alert.series,
    direction: alert.direction,
    severity: alert.severity,
    window_start: toRowTime(Date.parse(alert.window.start)),
    window_end: toRowTime(Date.parse(alert.window.end)),
    observed: alert.observed,
    expected: alert.expected,
    explanation: JSON.stringify(alert.explanation),
    at: toRowTime(Date.parse(alert.at)),
    version,
    detector: alert.detector,
    p_value: alert.pValue,
    delivered: delivered ? 1 : 0,
  };
}

function alertFromRow(r: Record<string, string | number>): Alert {
  return Alert.parse({
    alertId: r.alert_id,
    brand: r.brand,
    rule: r.rule,
    series: r.series,
    direction: r.direction,
    severity: r.severity,
    detector: r.detector,
    window: {
      start: new Date(fromRowTime(String(r.window_start))).toISOString(),
      end: new Date(fromRowTime(String(r.window_end))).toISOString(),
    },
    observed: Number(r.observed),
    expected: Number(r.expected),
    pValue: Number(r.p_value),
    explanation: JSON.parse(String(r.explanation)),
    at: new Date(fromRowTime(String(r.at))).toISOString(),
  });
}

export async function toAlert(client: ClickHouseClient, d: BrandDetection, at = new Date()): Promise<Alert> {
  const explanation = await explain(client, d);
  return Alert.parse({
    alertId: alertId(d.brand, d.rule, d.windowStart),
    brand: d.brand,
    rule: d.rule,
    series: d.ruleSpec.series,
    direction: d.ruleSpec.direction,
    severity: d.severity,
    detector: d.detector,
    window: { start: new Date(d.windowStart).toISOString(), end: new Date(d.windowEnd).toISOString() },
    observed: Math.round(d.observed * 1000) / 1000,
    expected: Math.round(d.expected * 1000) / 1000,
    pValue: d.pValue,
    explanation,
    at: at.toISOString(),
  });
}

/**
 * Detection in event time, every `alerts.schedule` tick: per brand, from where the saved state stands to the
 * newest complete minute, then the explanation, the `alerts` row (the outbox), the saved state, and delivery
 * to every channel with a durable record per channel. Alert ids are brand + rule + window start, so a restart
 * at any point re-detects the same ids and skips the stored ones; an alert whose delivery was not recorded is
 * sent again with the same id (receivers get an idempotency key), never under a new one.
 */
export class AlertsComponent {
  private readonly rules: BrandRule[];
  private readonly notifiers: Notifier[];
  private task: ScheduledTask | undefined;
  private running: Promise<void> | undefined;
  private consumer: Consumer | undefined;
  private leader: boolean;
  private version = 0;

  constructor(
    private readonly rt: Runtime,
    private readonly options: AlertsOptions = {},
  ) {
    this.rules = resolveRules(rt.config);
    this.notifiers = [
      kafkaNotifier(rt.producer, topicName('alerts', rt.config.namespace)),
      ...configuredNotifiers(rt.config.alerts),
      ...(options.notifiers ?? []),
    ];
    this.leader = !(options.leadership ?? true);
  }

  private nextVersion(): number {
    this.version = Math.max(this.version + 1, Date.now());
    return this.version;
  }

  async start(): Promise<void> {
    setHealth('alerts', 'starting');
    if (this.options.leadership ?? true) await this.joinLeadership();
    this.task = cron.schedule(this.rt.config.alerts.schedule, () => void this.tick());
    void this.tick();
    setHealth('alerts', 'ok');
    log.info({ rules: this.rules.length, channels: this.notifiers.map((n) => n.channel) }, 'alerts started');
  }

  /**
   * One active instance: members of a consumer group on the one-partition alerts topic; the member holding
   * partition 0 detects and delivers, the others stand by and take over when it leaves or dies.
   */
  private async joinLeadership(): Promise<void> {
    const consumer = this.rt.kafka.consumer({
      groupId: groupId(this.rt.config.namespace, 'alerts-leader'),
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
    });
    this.consumer = consumer;
    const topic = topicName('alerts', this.rt.config.namespace);
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      const assigned = (e.payload.memberAssignment[topic] ?? []) as number[];
      this.leader = assigned.includes(0);
      log.info({ leader: this.leader }, 'alerts leadership');
      // A new leader starts at once rather than at the next cron tick.
      if (this.leader) void this.tick();
    });
    consumer.on(consumer.events.REBALANCING, () => (this.leader = false));
    consumer.on(consumer.events.CRASH, () => (this.leader = false));
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({ autoCommit: true, eachMessage: async () => undefined });
  }

  get isLeader(): boolean {
    return this.leader;
  }

  /** One pass (skipped while the previous one runs or when this instance is not the leader). */
  tick(): Promise<void> {
    if (this.running || !this.leader) return this.running ?? Promise.resolve();
    this.running = this.pass()
      .then(() => setHealth('alerts', 'ok'))
      .catch((err: unknown) => {
        log.error({ err }, 'alerts pass failed');
        setHealth('alerts', 'degraded', (err as Error).message);
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async pass(): Promise<{ detected: number; delivered: number }> {
    const detected = await this.detect();
    const delivered = await this.deliver();
    return { detected, delivered };
  }

  /** Detects up to the newest complete minute of every brand; returns the number of new alerts stored. */
  async detect(): Promise<number> {
    const client = this.rt.clickhouse;
    const cfg = this.rt.config.alerts;
    const brands = [...new Set(this.rules.map((r) => r.brand))];
    if (brands.length === 0) return 0;
    const marks = new Map(
      (
        await queryRows<{ brand: string; first_bucket: string; last_bucket: string }>(
          client,
          alertQueries.brandWatermarks(),
        )
      ).map((r) => [r.brand, { first: fromRowTime(r.first_bucket), last: fromRowTime(r.last_bucket) }]),
    );
    const saved = new Map(
      (
        await queryRows<{ brand: string; processed_to: string; state: string }>(
          client,
          alertQueries.detectorState(),
        )
      ).map((r) => [r.brand, r]),
    );
    let stored = 0;
    for (const brand of brands) {
      const mark = marks.get(brand);
      if (!mark) continue;
      const rules = this.rules.filter((r) => r.brand === brand);
      const row = saved.get(brand);
      const state: BrandState = row
        ? { next: Number(row.processed_to) * 1000, rules: JSON.parse(row.state) as BrandState['rules'] }
        : { next: Math.max(mark.first, mark.last - cfg.baselineDays * DAY), rules: {} };
      for (const { rule } of rules) state.rules[rule.name] ??= initialRuleState();
      // The newest minute may still be filling; `lagMinutes` more are left for late events.
      const until = mark.last - cfg.lagMinutes * MINUTE;
      while (state.next < until) {
        const to = Math.min(until, state.next + CHUNK);
        const series =
          (await loadSeries(client, [brand], state.next, to, responseWindows(rules))).get(brand) ??
          emptySeries();
        const detections = runBrand(brand, rules, state, series, to, cfg.warmupMinutes);
        stored += await this.store(detections);
        failpoint('alerts.after-detect');
        await client.insert({
          table: 'alert_state',
          values: [
            {
              brand,
              processed_to: toRowTime(state.next),
              state: JSON.stringify(state.rules),
              version: this.nextVersion(),
            },
          ],
          format: 'JSONEachRow',
        });
      }
    }
    return stored;
  }

  /** Stores the new alerts (ids not stored yet) undelivered: the outbox the delivery step works from. */
  private async store(detections: BrandDetection[]): Promise<number> {
    if (detections.length === 0) return 0;
    const client = this.rt.clickhouse;
    const ids = detections.map((d) => alertId(d.brand, d.rule, d.windowStart));
    const known = new Set(
      (await queryRows<{ alert_id: string }>(client, alertQueries.knownAlerts(ids))).map((r) => r.alert_id),
    );
    const fresh = detections.filter((d, i) => !known.has(ids[i]!));
    const alerts: Alert[] = [];
    for (const d of fresh) alerts.push(await toAlert(client, d));
    if (alerts.length === 0) return 0;
    await client.insert({
      table: 'alerts',
      values: alerts.map((a) => alertRow(a, this.nextVersion(), false)),
      format: 'JSONEachRow',
    });
    for (const a of alerts) {
      log.info({ alertId: a.alertId, severity: a.severity, summary: a.explanation.summary }, 'alert');
      this.options.onAlert?.(a);
    }
    return alerts.length;
  }

  /** Sends every pending alert to every channel that has no delivery record for it yet. */
  async deliver(): Promise<number> {
    const client = this.rt.clickhouse;
    const cfg = this.rt.config.alerts;
    const pending = (
      await queryRows<Record<string, string | number>>(client, alertQueries.pendingAlerts())
    ).map(alertFromRow);
    if (pending.length === 0) return 0;
    const done = new Set(
      (
        await queryRows<{ alert_id: string; channel: string }>(
          client,
          alertQueries.deliveredChannels(pending.map((a) => a.alertId)),
        )
      ).map((r) => `${r.alert_id}\u0000${r.channel}`),
    );
    let completed = 0;
    for (const alert of pending) {
      let all = true;
      for (const n of this.notifiers) {
        if (done.has(`${alert.alertId}\u0000${n.channel}`)) continue;
        let attempts = 0;
        try {
          await retry(
            async () => {
              attempts++;
              await n.send(alert);
            },
            { attempts: cfg.deliveryAttempts, initialMs: cfg.deliveryBackoffMs, maxMs: 30_000 },
          );
        } catch (err) {
          all = false;
          log.warn(
            { err, alertId: alert.alertId, channel: n.channel, attempts },
            'delivery failed; retried next pass',
          );
          continue;
        }
        failpoint('alerts.after-send');
        await client.insert({
          table: 'alert_deliveries',
          values: [
            {
              alert_id: alert.alertId,
              brand: alert.brand,
              channel: n.channel,
              attempts,
              delivered_at: toRowTime(Date.now()),
              version: this.nextVersion(),
            },
          ],
          format: 'JSONEachRow',
        });
        failpoint('alerts.after-record');
      }
      if (!all) continue;
      await client.insert({
        table: 'alerts',
        values: [alertRow(alert, this.nextVersion(), true)],
        format: 'JSONEachRow',
      });
      completed++;
    }
    return completed;
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.running;
    await this.consumer?.disconnect().catch(() => undefined);
    for (const n of this.notifiers) n.close?.();
    setHealth('alerts', 'stopped');
  }
}

export async function startAlerts(rt: Runtime, options: AlertsOptions = {}): Promise<AlertsComponent> {
  const component = new AlertsComponent(rt, options);
  await component.start();
  return component;
}
