import { randomBytes } from 'node:crypto';
import { createRuntime, type Runtime } from '../../core/runtime.ts';
import { stackUp } from '../../deploy/stack/stack.ts';
import { createSimulator } from '../../platforms/simulator/generator.ts';
import { createNormalizeChain } from '../../processors/normalize/steps.ts';
import { postRow } from '../../processors/sink/rows.ts';
import { type Layout, type LateralConfig } from '../../schema/config.ts';
import { SimulatorSourceConfig } from '../../platforms/simulator/config.ts';
import { CursorStore } from '../../ingest/framework/cursor-store.ts';
import { ingestOnce } from '../../ingest/framework/ingestor.ts';
import { createSimulatorSource } from '../../platforms/simulator/source.ts';
import { migrate } from '../../schema/migrate.ts';
import { topicName, topics, type TopicKey } from '../../schema/topics.ts';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAYOUTS, processorsToRun } from '../../processors/components.ts';
import { simulatorBrandConfigs } from '../../platforms/simulator/brands.ts';
import { runEnrichBench } from './enrich-bench.ts';
import { truthMentions } from '../../platforms/simulator/truth.ts';
import { runScoringBench } from '../../processors/score/bench.ts';
import { cpuTable, measureEndToEnd, type StartedProcessors } from './e2e.ts';
import { measureFreshness, type RawItem } from './freshness.ts';

const BIN = fileURLToPath(new URL('../../bin/lateral.mjs', import.meta.url));
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Starts each processor of `layout` as its own `lateral process <name>` child; waits until each has joined its group. */
async function startLayoutProcesses(rt: Runtime, layout: Layout): Promise<StartedProcessors> {
  const names = processorsToRun(rt.config, LAYOUTS[layout]);
  const dir = mkdtempSync(join(tmpdir(), 'lateral-bench-'));
  const file = join(dir, 'lateral.json');
  writeFileSync(file, JSON.stringify({ brands: rt.config.brands }));
  const env = {
    ...process.env,
    LATERAL_CONFIG: file,
    LATERAL_NAMESPACE: rt.config.namespace,
    CLICKHOUSE_DATABASE: rt.config.clickhouse.database,
    LATERAL_METRICS_PORT: '0',
    LATERAL_LOG_LEVEL: 'info',
  };
  const children = names.map((name) => {
    // LATERAL_BENCH_CPU_PROF=<dir>: every processor writes a V8 CPU profile there when it stops.
    const profile = process.env.LATERAL_BENCH_CPU_PROF;
    const args = [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), BIN, 'process', name];
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const started = new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out = (out + d.toString()).slice(-10_000);
        if (out.includes('"msg":"partitions assigned"')) resolve();
      });
      child.stderr.on('data', () => undefined);
      child.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${out.slice(-2000)}`)));
    });
    return { child, started };
  });
  await Promise.all(children.map((c) => c.started));
  return {
    processes: names.map((name, i) => ({
      name: `lateral process ${name}`,
      pid: children[i]!.child.pid!,
    })),
    async stop() {
      await Promise.all(
        children.map(
          ({ child }) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

async function withBenchRuntime<T>(
  config: LateralConfig,
  label: string,
  fn: (rt: Runtime) => Promise<T>,
): Promise<T> {
  const id = `bench${label}${randomBytes(3).toString('hex')}`;
  const c: LateralConfig = {
    ...config,
    namespace: id,
    clickhouse: { ...config.clickhouse, database: `lateral_${id}` },
    metrics: { ...config.metrics, port: 0 },
  };
  await migrate(c);
  const rt = await createRuntime(c);
  try {
    return await fn(rt);
  } finally {
    const admin = rt.kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: (Object.keys(topics) as TopicKey[]).map((k) => topicName(k, id)) })
      .catch(() => undefined);
    await admin.disconnect();
    await rt.clickhouse.command({ query: `DROP DATABASE IF EXISTS ${c.clickhouse.database}` });
    await rt.close();
  }
}

/**
 * `lateral bench` / `npm run bench`, in one run: the analysis per post and scoring memory (in-process); the raw
 * limits on the same payloads (Kafka produce and consume with no processing, direct ClickHouse inserts of the
 * same rows); the ingest path alone; then per layout the end-to-end posts/s with enrichment (raw topic →
 * ClickHouse posts and mentions), the CPU of every process (broker and server included) and the freshness at
 * fixed rates. Prints, never asserts.
 */
export async function runBench(
  config: LateralConfig,
  options: { count: number; layouts?: readonly Layout[] },
): Promise<void> {
  const n = options.count;
  say(`command: node bin/lateral.mjs bench --count ${n}   (npm run bench -- --count ${n})`);
  say(`machine: ${(await import('node:os')).cpus().length} cores; Kafka and ClickHouse on the same host`);
  await runEnrichBench(Math.min(n, 50_000));
  say('scoring (one core, in-process; synthetic communities, see processors/score/bench.ts):');
  runScoringBench({ log: (line) => say(`  ${line}`) });
  await stackUp(config);
  // The simulated community's brands, so the pipeline run also enriches and threads every mention.
  if (config.brands.length === 0) config = { ...config, brands: simulatorBrandConfigs() };

  // Payloads and rows prepared once, outside every timed section.
  const simOptions = { seed: 'bench', count: n };
  let t = Date.now();
  const fetchedAt = new Date().toISOString();
  const items = [...createSimulator(simOptions).items(0)];
  const expectedMentions = items.reduce((sum, i) => sum + truthMentions(i.truth).length, 0);
  const raw = items.map((item) => ({
    key: `simulator:${item.nativeId}`,
    value: JSON.stringify({ source: 'simulator', sourceId: 'bench', fetchedAt, payload: item.payload }),
  }));
  say(`simulator: ${n} items generated in ${Date.now() - t} ms (${rate(n, Date.now() - t)}/s)`);
  const chain = createNormalizeChain();
  const rows: ReturnType<typeof postRow>[] = [];
  t = Date.now();
  for (const m of raw) {
    const r = await chain.run({
      topic: 'x',
      partition: 0,
      offset: '0',
      key: m.key,
      value: Buffer.from(m.value),
    });
    if (r.kind === 'ok') for (const p of r.value) rows.push(postRow(p));
  }
  const normalizeMs = Date.now() - t;
  say(
    `normalize (in-process, no I/O): ${n} messages in ${normalizeMs} ms (${rate(n, normalizeMs)}/s), ${rows.length} posts`,
  );

  const limits = await withBenchRuntime(config, 'raw', async (rt) => {
    const topic = topicName('raw', rt.config.namespace);
    t = Date.now();
    for (let i = 0; i < raw.length; i += 1000) {
      await rt.producer.send({ topic, acks: -1, messages: raw.slice(i, i + 1000) });
    }
    const produceMs = Date.now() - t;
    const consumer = rt.kafka.consumer({
      groupId: `${rt.config.namespace}-raw`,
      maxBytesPerPartition: 4 * 1024 * 1024,
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    t = Date.now();
    await new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: true,
        eachBatch: async ({ batch }) => {
          seen += batch.messages.length;
          if (seen >= raw.length) resolve();
        },
      });
    });
    const consumeMs = Date.now() - t;
    await consumer.disconnect();
    t = Date.now();
    for (let i = 0; i < rows.length; i += 10_000) {
      await rt.clickhouse.insert({
        table: 'posts',
        values: rows.slice(i, i + 10_000),
        format: 'JSONEachRow',
      });
    }
    const insertMs = Date.now() - t;
    return { produce: rate(n, produceMs), consume: rate(n, consumeMs), insert: rate(rows.length, insertMs) };
  });
  say(
    `raw limit: Kafka produce ${limits.produce} msg/s, Kafka consume ${limits.consume} msg/s, ClickHouse insert ${limits.insert} rows/s (batches of 10,000)`,
  );

  // The input, produced in bulk (the ingest path's own rate is the "ingest alone" figure below).
  const produceRaw = async (rt: Runtime) => {
    const topic = topicName('raw', rt.config.namespace);
    for (let i = 0; i < raw.length; i += 1000)
      await rt.producer.send({ topic, acks: -1, messages: raw.slice(i, i + 1000) });
  };
  const limit = Math.min(limits.produce, limits.consume, limits.insert);
  const cores = (await import('node:os')).cpus().length;
  const freshItems: RawItem[] = raw.map((m, i) => ({
    ...m,
    mentionPostIds: [...new Set(truthMentions(items[i]!.truth).map((t) => t.postId))],
  }));
  // The ingest path alone (simulator source → raw topic, cursors, no processors).
  const ingestMs = await withBenchRuntime(config, 'ingest', async (rt) => {
    const started = Date.now();
    await ingestOnce(
      createSimulatorSource(
        SimulatorSourceConfig.parse({
          type: 'simulator',
          id: 'bench',
          seed: 'bench',
          count: n,
          pageSize: 1000,
        }),
      ),
      {
        producer: rt.producer,
        cursors: new CursorStore(rt.kafka, rt.producer, rt.config.namespace),
        rawTopic: topicName('raw', rt.config.namespace),
      },
    );
    return Date.now() - started;
  });
  say(
    `ingest path alone (simulator source → lateral.raw.v1): ${n} items in ${ingestMs} ms = ${rate(n, ingestMs)} items/s`,
  );

  // Both layouts (processors/components.ts LAYOUTS), each processor its own `lateral process` child: components
  // as deployed with compose or k8s, one-box as on one machine.
  for (const layout of options.layouts ?? (['components', 'one-box'] as const)) {
    const start = (rt: Runtime) => startLayoutProcesses(rt, layout);
    const pipeline = await withBenchRuntime(config, 'pipe', (rt) =>
      measureEndToEnd(rt, start, {
        count: n,
        posts: rows.length,
        mentions: expectedMentions,
        log: say,
        produce: produceRaw,
      }),
    );
    const endToEnd = rate(rows.length, pipeline.totalMs);
    say(`${layout} layout, ${pipeline.processes} processes (input produced in bulk):`);
    say(
      `  posts: ${rows.length} in ClickHouse posts after ${pipeline.postsMs} ms = ${rate(rows.length, pipeline.postsMs)} posts/s`,
    );
    say(
      `  with enrichment: ${expectedMentions} mentions of ${rows.length} posts in ClickHouse mentions after ${pipeline.totalMs} ms = ${endToEnd} posts/s end to end; ratio to the raw limit (slowest of produce, consume, insert = ${limit}/s) = ${(endToEnd / limit).toFixed(2)}`,
    );
    say(
      `  CPU per process over the end-to-end run (/proc/<pid>/stat utime+stime; broker and server include other load on the host):`,
    );
    for (const line of cpuTable(pipeline.cpu, rows.length, pipeline.totalMs, cores)) say(`  ${line}`);

    // Freshness at fixed rates: 1,000 posts/s and half the sustained end-to-end maximum, ~20 s of items each.
    for (const target of [1000, Math.max(1, Math.round(endToEnd / 2))]) {
      const f = await withBenchRuntime(config, 'fresh', (rt) =>
        measureFreshness(rt, start, {
          rate: target,
          items: freshItems.slice(0, Math.min(freshItems.length, target * 20)),
        }),
      );
      say(
        `  freshness at ${f.rate} items/s (achieved ${f.producedRate}/s, ${f.produced} items): produce to raw → visible in ClickHouse mentions: p50 ${f.p50} ms, p95 ${f.p95} ms, p99 ${f.p99} ms, max ${f.max} ms (${f.samples} sampled posts, ${f.unseen} not seen; one poll every ${f.pollIntervalMs} ms on average; ${f.polls} polls cost the server ${Number.isNaN(f.pollServerCpu) ? 'unknown' : `${(f.pollServerCpu * 1000).toFixed(0)} ms`} CPU)`,
      );
    }
  }
}
