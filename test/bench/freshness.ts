import { setTimeout as sleep } from 'node:timers/promises';
import { queryRows } from '../../core/clickhouse.ts';
import type { Runtime } from '../../core/runtime.ts';
import { topicName } from '../../schema/topics.ts';
import type { StartProcessors } from './e2e.ts';

export interface RawItem {
  key: string;
  value: string;
  /** Posts of this item that the ground truth says become a brand mention. */
  mentionPostIds: string[];
}

export interface FreshnessResult {
  rate: number;
  produced: number;
  /** Achieved produce rate (the producer may fall behind the target). */
  producedRate: number;
  samples: number;
  /** Sampled posts never seen in `mentions` before the deadline (not enriched as a mention, or too late). */
  unseen: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  polls: number;
  /** Mean time between polls: the resolution of the visible times (longer than asked when a poll is slow). */
  pollIntervalMs: number;
  /** Server CPU of the bench's polling queries (query_log), seconds; NaN when query_log is off. */
  pollServerCpu: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/**
 * Freshness at a fixed rate: raw items are produced to the raw topic at `rate` items/s (in 50 ms ticks, each
 * item stamped with the time its tick's send began) while the processors run; freshness of a post is the time
 * it is first visible in ClickHouse `mentions` minus that stamp. Every `sampleEvery`-th mention post is
 * tracked, and the set of tracked posts not yet seen is polled every `pollMs` (one small `IN` query on
 * `mentions.post_id`, so the polling cost stays proportional to the posts in flight, not to the table): a
 * post's visible time is the start of the first poll that finds it (resolution `pollMs`, or the time a poll
 * takes when longer). Before the timed run, the first `warmupItems` items are produced at once and awaited in
 * `mentions`, so model loading, JIT and group joins are not counted as freshness.
 */
export async function measureFreshness(
  rt: Runtime,
  start: StartProcessors,
  options: {
    rate: number;
    items: RawItem[];
    sampleEvery?: number;
    pollMs?: number;
    warmupItems?: number;
    deadlineMs?: number;
  },
): Promise<FreshnessResult> {
  const { rate, items } = options;
  const sampleEvery = options.sampleEvery ?? 4;
  const pollMs = options.pollMs ?? 100;
  const warmupItems = Math.min(options.warmupItems ?? 50, Math.floor(options.items.length / 10));
  const topic = topicName('raw', rt.config.namespace);
  const processors = await start(rt);
  const producedAt = new Map<string, number>();
  const seenAt = new Map<string, number>();
  const pollTag = `${rt.config.namespace}-fresh-${Date.now()}`;
  let polls = 0;
  let pollingMs = 0;
  let producing = true;
  let lastProducedAt = 0;
  const visible = async (ids: string[], tag?: string): Promise<string[]> => {
    if (ids.length === 0) return [];
    const list = ids.map((id) => `'${id.replace(/[\\']/g, '\\$&')}'`).join(',');
    const rs = await rt.clickhouse.query({
      query: `SELECT DISTINCT post_id FROM mentions WHERE post_id IN (${list})`,
      format: 'JSONEachRow',
      ...(tag ? { query_id: tag, clickhouse_settings: { log_queries: 1 as const } } : {}),
    });
    return (await rs.json<{ post_id: string }>()).map((r) => r.post_id);
  };
  try {
    // Warm-up: a few items through the whole pipeline before the clock starts.
    const warm = items.slice(0, warmupItems);
    await rt.producer.send({ topic, acks: -1, messages: warm.map(({ key, value }) => ({ key, value })) });
    const warmIds = new Set(warm.flatMap((i) => i.mentionPostIds));
    const warmDeadline = Date.now() + 180_000;
    while (warmIds.size > 0 && Date.now() < warmDeadline) {
      for (const id of await visible([...warmIds])) warmIds.delete(id);
      await sleep(200);
    }
    let pollError: unknown;
    const poller = (async () => {
      const since = Date.now();
      const deadline = () => (producing ? Infinity : lastProducedAt + (options.deadlineMs ?? 60_000));
      while (producing || (seenAt.size < producedAt.size && Date.now() < deadline())) {
        const pending = [...producedAt.keys()].filter((id) => !seenAt.has(id));
        const t = Date.now();
        for (const id of pending.length > 0 ? await visible(pending, `${pollTag}-${polls++}`) : [])
          if (!seenAt.has(id)) seenAt.set(id, t);
        await sleep(Math.max(0, pollMs - (Date.now() - t)));
      }
      pollingMs = Date.now() - since;
    })().catch((err: unknown) => {
      pollError = err;
    });

    const t0 = Date.now();
    let sent = warmupItems;
    let tracked = 0;
    while (sent < items.length) {
      const due = Math.min(items.length, warmupItems + Math.floor((rate * (Date.now() - t0)) / 1000));
      if (due > sent) {
        const batch = items.slice(sent, due);
        const stamp = Date.now();
        for (const item of batch)
          for (const id of item.mentionPostIds) if (tracked++ % sampleEvery === 0) producedAt.set(id, stamp);
        await rt.producer.send({
          topic,
          acks: -1,
          messages: batch.map(({ key, value }) => ({ key, value })),
        });
        sent = due;
        lastProducedAt = Date.now();
      }
      await sleep(50);
    }
    const producedRate = Math.round((sent - warmupItems) / ((lastProducedAt - t0) / 1000));
    producing = false;
    await poller;
    if (pollError) throw pollError;

    const latencies = [...producedAt]
      .filter(([id]) => seenAt.has(id))
      .map(([id, at]) => seenAt.get(id)! - at)
      .sort((a, b) => a - b);
    let pollServerCpu = NaN;
    try {
      await rt.clickhouse.command({ query: 'SYSTEM FLUSH LOGS' });
      const [row] = await queryRows<{ us: string }>(
        rt.clickhouse,
        `SELECT sum(ProfileEvents.Values[indexOf(ProfileEvents.Names, 'UserTimeMicroseconds')]
                  + ProfileEvents.Values[indexOf(ProfileEvents.Names, 'SystemTimeMicroseconds')]) AS us
         FROM system.query_log WHERE type = 2 AND startsWith(query_id, '${pollTag}-')`,
      );
      pollServerCpu = Number(row?.us ?? NaN) / 1e6;
    } catch {
      // query_log unavailable: the polling cost stays unknown.
    }
    return {
      rate,
      produced: sent - warmupItems,
      producedRate,
      samples: producedAt.size,
      unseen: producedAt.size - latencies.length,
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
      p99: quantile(latencies, 0.99),
      max: latencies.at(-1) ?? NaN,
      polls,
      pollIntervalMs: Math.round(pollingMs / Math.max(1, polls)),
      pollServerCpu,
    };
  } finally {
    producing = false;
    await processors.stop();
  }
}
