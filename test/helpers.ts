import { randomBytes } from 'node:crypto';
import { readPartitionsToEnd } from '../core/partition-reader.ts';
import { produceChunked } from '../core/kafka.ts';
import { createSimulator, type SimulatorOptions } from '../platforms/simulator/generator.ts';
import type { Source } from '../platforms/shared/source.ts';
import { CursorStore } from '../ingest/framework/cursor-store.ts';
import { ingestOnce, type IngestProgress } from '../ingest/framework/ingestor.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../core/config.ts';
import { queryRows } from '../core/clickhouse.ts';
export { caughtUp } from '../cli/status.ts';
import { createRuntime, type Runtime } from '../core/runtime.ts';
import { migrate } from '../schema/migrate.ts';
import { topicMessageCount } from '../core/kafka.ts';
import { topicName, topics, type TopicKey } from '../schema/topics.ts';
import type { LateralConfig } from '../schema/config.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A namespace and database of its own per test file, so runs never see each other's data. */
export interface TestEnv {
  config: LateralConfig;
  rt: Runtime;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function createTestEnv(
  overrides: Partial<LateralConfig['sink']> = {},
  layout: LateralConfig['layout'] = 'components',
): Promise<TestEnv> {
  const id = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const base = loadConfig();
  const config: LateralConfig = {
    ...base,
    layout,
    namespace: id,
    clickhouse: { ...base.clickhouse, database: `lateral_${id}` },
    sink: { ...base.sink, ...overrides },
    metrics: { ...base.metrics, port: 0 },
  };
  await migrate(config);
  const rt = await createRuntime(config);
  const env = {
    LATERAL_NAMESPACE: id,
    LATERAL_LAYOUT: layout,
    CLICKHOUSE_DATABASE: config.clickhouse.database,
    LATERAL_METRICS_PORT: '0',
    LATERAL_SINK_BATCH_ROWS: String(config.sink.batchRows),
    LATERAL_SINK_BATCH_MS: String(config.sink.batchMs),
    LATERAL_SINK_MAX_IN_FLIGHT: String(config.sink.maxInFlight),
  };
  return {
    config,
    rt,
    env,
    async cleanup() {
      const admin = rt.kafka.admin();
      await admin.connect();
      try {
        const names = (Object.keys(topics) as TopicKey[]).map((k) => topicName(k, id));
        await admin.deleteTopics({ topics: names }).catch(() => undefined);
      } finally {
        await admin.disconnect();
      }
      await rt.clickhouse.command({ query: `DROP DATABASE IF EXISTS ${config.clickhouse.database}` });
      await rt.close();
    },
  };
}

/** Polls `check` until it returns a value (not undefined) or throws after `timeoutMs` with the last state. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 120_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

export async function scalar(rt: Runtime, query: string): Promise<number> {
  const rows = await queryRows<Record<string, string | number>>(rt.clickhouse, query);
  const first = rows[0];
  return first ? Number(Object.values(first)[0]) : 0;
}

export type CliProcess = ChildProcess & { output: () => string };

/**
 * Runs the CLI in a child process (`node bin/lateral.mjs ...`), with extra environment. Both output streams
 * are drained (a full pipe would block the child) and kept for assertions and failure messages.
 */
export function spawnCli(args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [resolve(ROOT, 'bin/lateral.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LATERAL_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as CliProcess;
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.output = () => output;
  return child;
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolvePromise) =>
    child.once('exit', (code, signal) => resolvePromise({ code, signal })),
  );
}

/** Messages currently in a topic (sum of high − low watermarks). */
export async function topicCount(rt: Runtime, topic: string): Promise<number> {
  const admin = rt.kafka.admin();
  await admin.connect();
  try {
    return await topicMessageCount(admin, topic);
  } finally {
    await admin.disconnect();
  }
}

/** Every message now in a topic, read from the beginning by a throw-away consumer group. */
export async function readTopic(
  rt: Runtime,
  topic: string,
): Promise<{ key: string | null; value: string }[]> {
  const out: { key: string | null; value: string }[] = [];
  await readPartitionsToEnd(rt.kafka, {
    topic,
    onMessage: (_partition, value, key) =>
      out.push({ key: key?.toString() ?? null, value: value?.toString() ?? '' }),
  });
  return out;
}

/** One pass of the ingestor over a source into the raw topic, with the namespace's cursor store. */
export function ingestIntoRaw(rt: Runtime, source: Source): Promise<IngestProgress> {
  return ingestOnce(source, {
    producer: rt.producer,
    cursors: new CursorStore(rt.kafka, rt.producer, rt.config.namespace),
    rawTopic: topicName('raw', rt.config.namespace),
  });
}

/** Simulator items [from, to) as the ingestor would produce them: RawEnvelopes in the raw topic, in order. */
export async function produceSimulatorItems(
  rt: Runtime,
  options: SimulatorOptions,
  from: number,
  to: number,
  sourceId = 'sim',
): Promise<void> {
  const messages: { key: string; value: string }[] = [];
  for (const item of createSimulator(options).items(from)) {
    if (item.index >= to) break;
    const envelope = {
      source: 'simulator',
      sourceId,
      fetchedAt: new Date().toISOString(),
      payload: item.payload,
    };
    messages.push({ key: `simulator:${item.nativeId}`, value: JSON.stringify(envelope) });
  }
  await produceChunked(rt.producer, topicName('raw', rt.config.namespace), messages);
}
