import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../core/clickhouse.ts';
import { simulatorBrandConfigs } from '../platforms/simulator/brands.ts';
import { createSimulator } from '../platforms/simulator/generator.ts';
import { topicName } from '../schema/topics.ts';
import { expectedMentionsFromSimulator } from './expectations.ts';
import {
  createTestEnv,
  eventually,
  exited,
  produceSimulatorItems,
  readTopic,
  scalar,
  spawnCli,
  type TestEnv,
} from './helpers.ts';

/**
 * Alerts on the real stack: the simulator's injected spikes (ground truth) through the whole pipeline, then
 * the alerts component in event time over the stored data, killed -9 between detection and delivery and
 * between a delivery and its record. Every spike must raise an alert, nothing outside the spikes may, and a
 * local webhook receiver (failing its first two requests) must get every alert by id.
 */
const SIM = { seed: 'alerts-it', count: 30_000, postsPerHour: 1500 };
/** The baseline's warm-up: a spike that starts earlier cannot be told from the normal level. */
const WARMUP_MINUTES = 60;
const MIN = 60_000;
/** Replies to a spike's threads can still come in just after its window: counted with the spike. */
const AFTERMATH = 60 * MIN;

let t: TestEnv;
let server: Server;
const received: { id: string; status: number }[] = [];

beforeAll(async () => {
  t = await createTestEnv({ batchRows: 2000, batchMs: 300 });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const id = (JSON.parse(body) as { alert: { alertId: string } }).alert.alertId;
      const status = received.length < 2 ? 503 : 200;
      received.push({ id, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const dir = mkdtempSync(join(tmpdir(), 'lateral-alerts-'));
  const config = (enabled: boolean) => ({
    brands: simulatorBrandConfigs(),
    alerts: {
      enabled,
      warmupMinutes: WARMUP_MINUTES,
      webhooks: [{ name: 'local', url }],
      deliveryBackoffMs: 100,
    },
  });
  writeFileSync(join(dir, 'pipeline.json'), JSON.stringify(config(false)));
  writeFileSync(join(dir, 'alerts.json'), JSON.stringify(config(true)));
  t.env = { ...t.env, LATERAL_CONFIG: join(dir, 'pipeline.json'), ALERTS_CONFIG: join(dir, 'alerts.json') };
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await t?.cleanup();
});

const iso = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);

async function firstMinute(): Promise<number> {
  const [row] = await queryRows<{ first: string }>(
    t.rt.clickhouse,
    'SELECT min(bucket) AS first FROM mention_rollup_minute',
  );
  return iso(row!.first);
}

describe('alerts on the simulator spikes', () => {
  it('alerts every spike early and nothing else; kill -9 loses and duplicates no alert id', async () => {
    // 1. The pipeline (alerts off) over the whole simulated period, until every mention is stored.
    await produceSimulatorItems(t.rt, SIM, 0, SIM.count, 'alerts');
    const expected = expectedMentionsFromSimulator(SIM).total;
    const pipeline = spawnCli(['run'], t.env);
    await eventually(
      'all mentions stored',
      async () =>
        (await scalar(t.rt, 'SELECT uniqExact(brand, post_id) FROM mentions')) >= expected ? true : undefined,
      900_000,
      2000,
    );
    // Scores (and bot flags) settle after the last mention.
    let last = -1;
    await eventually(
      'author scores settled',
      async () => {
        const n = await scalar(t.rt, 'SELECT count() FROM authors');
        const stable = n > 0 && n === last;
        last = n;
        return stable ? true : undefined;
      },
      300_000,
      8000,
    );
    pipeline.kill('SIGTERM');
    await exited(pipeline);

    // 2. Alerts, killed between detection and delivery, then between a delivery and its record.
    const env = { ...t.env, LATERAL_CONFIG: t.env.ALERTS_CONFIG! };
    for (const point of ['alerts.after-detect:1', 'alerts.after-send:3']) {
      const child = spawnCli(['process', 'alerts'], { ...env, LATERAL_FAILPOINTS: point });
      const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
      const { signal } = await exited(child);
      clearTimeout(timer);
      expect(signal, `${point} not reached\n${child.output().slice(-3000)}`).toBe('SIGKILL');
    }

    // 3. A clean run catches up and delivers the rest.
    const alerts = spawnCli(['process', 'alerts'], env);
    const marks = await queryRows<{ brand: string; last_bucket: string }>(
      t.rt.clickhouse,
      'SELECT brand, max(bucket) AS last_bucket FROM mention_rollup_minute GROUP BY brand',
    );
    await eventually(
      'detection caught up and every alert delivered',
      async () => {
        const state = await queryRows<{ brand: string; processed_to: string }>(
          t.rt.clickhouse,
          'SELECT brand, argMax(processed_to, version) AS processed_to FROM alert_state GROUP BY brand',
        );
        const caughtUp = marks.every((m) => {
          const s = state.find((r) => r.brand === m.brand);
          return s && iso(s.processed_to) >= iso(m.last_bucket) - 2 * MIN;
        });
        const pending = await scalar(
          t.rt,
          'SELECT count() FROM (SELECT alert_id, max(delivered) AS d FROM alerts GROUP BY alert_id) WHERE d = 0',
        );
        return caughtUp && pending === 0 ? true : undefined;
      },
      300_000,
      2000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${alerts.output().slice(-3000)}`);
    });
    alerts.kill('SIGTERM');
    await exited(alerts);

    const rows = await queryRows<{
      alert_id: string;
      brand: string;
      rule: string;
      window_start: string;
      window_end: string;
    }>(
      t.rt.clickhouse,
      'SELECT alert_id, brand, rule, window_start, window_end FROM alerts FINAL ORDER BY window_start',
    );
    expect(rows.length).toBeGreaterThan(0);

    // Ground truth: every spike window (overlapping windows of one brand are one incident).
    const spikes = createSimulator(SIM).spikes.map((s) => ({
      ...s,
      a: Date.parse(s.start),
      b: Date.parse(s.end),
    }));
    const incidents: { brand: string; a: number; b: number }[] = [];
    for (const s of [...spikes].sort((x, y) => x.a - y.a)) {
      const open = incidents.find((i) => i.brand === s.brand && s.a <= i.b);
      if (open) open.b = Math.max(open.b, s.b);
      else incidents.push({ brand: s.brand, a: s.a, b: s.b });
    }
    const dataStart = await firstMinute();
    const checked = incidents.filter((i) => i.a >= dataStart + WARMUP_MINUTES * MIN);
    expect(checked.length).toBeGreaterThanOrEqual(2);
    const latencies: string[] = [];
    for (const inc of checked) {
      const hits = rows.filter(
        (r) => r.brand === inc.brand && iso(r.window_end) > inc.a && iso(r.window_start) < inc.b,
      );
      expect(hits.length, `no alert for ${inc.brand} ${new Date(inc.a).toISOString()}`).toBeGreaterThan(0);
      const first = Math.min(...hits.map((h) => iso(h.window_end)));
      latencies.push(`${inc.brand}@${new Date(inc.a).toISOString()}: ${(first - inc.a) / MIN} min`);
      expect((first - inc.a) / MIN, latencies.join('\n')).toBeLessThanOrEqual(15);
    }
    process.stderr.write(`alert latency (event time) per incident:\n  ${latencies.join('\n  ')}\n`);
    const outside = rows.filter(
      (r) =>
        !incidents.some(
          (i) => i.brand === r.brand && iso(r.window_end) > i.a && iso(r.window_start) < i.b + AFTERMATH,
        ),
    );
    expect(outside, 'alerts outside every spike').toEqual([]);

    // Exactly once by id: every stored alert reached the receiver and the topic under its id; a repeat can
    // only come from the crash between a delivery and its record (at most the one alert in flight then).
    const ids = new Set(rows.map((r) => r.alert_id));
    const accepted = received.filter((r) => r.status === 200).map((r) => r.id);
    expect(new Set(accepted)).toEqual(ids);
    expect(accepted.length - ids.size).toBeLessThanOrEqual(1);
    expect(received.slice(0, 2).map((r) => r.status)).toEqual([503, 503]);
    const topic = await readTopic(t.rt, topicName('alerts', t.config.namespace));
    const topicIds = topic.map((m) => (JSON.parse(m.value) as { alertId: string }).alertId);
    expect(new Set(topicIds)).toEqual(ids);
    expect(topicIds.length - ids.size).toBeLessThanOrEqual(1);
    expect(topic.every((m) => m.key === (JSON.parse(m.value) as { brand: string }).brand)).toBe(true);
    const records = await scalar(
      t.rt,
      'SELECT count() FROM (SELECT alert_id, channel FROM alert_deliveries GROUP BY alert_id, channel)',
    );
    expect(records).toBe(ids.size * 2);
  }, 2_400_000);
});
