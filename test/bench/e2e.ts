import { queryRows } from '../../core/clickhouse.ts';
import type { Runtime } from '../../core/runtime.ts';
import { CursorStore } from '../../ingest/framework/cursor-store.ts';
import { ingestOnce } from '../../ingest/framework/ingestor.ts';
import { createSimulatorSource } from '../../platforms/simulator/source.ts';
import { SimulatorSourceConfig } from '../../platforms/simulator/config.ts';
import { topicName } from '../../schema/topics.ts';
import { clickhouseServerPid, cpuMeter, kafkaBrokerPid, selfCpuSeconds } from './proc-cpu.ts';

/** A running layout of the processors: how to stop it, and its processes for the CPU table. */
export interface StartedProcessors {
  stop(): Promise<void>;
  /** The operating-system processes that run the processors (one per component, or one for all). */
  processes: { name: string; pid: number }[];
}

/** Starts the processors against `rt` and resolves once every one has joined its consumer group. */
export type StartProcessors = (rt: Runtime) => Promise<StartedProcessors>;

export interface CpuRow {
  name: string;
  seconds: number;
}

/**
 * CPU seconds each process used between `start()` and `stop()`: the processor processes (with their waited-for
 * children), this bench process, the Kafka broker JVM and clickhouse-server, read from /proc/<pid>/stat.
 * The broker and the server are shared with anything else on the host; their figures include that load.
 */
export function processCpu(processors: { name: string; pid: number }[]) {
  const broker = kafkaBrokerPid();
  const server = clickhouseServerPid();
  const meter = cpuMeter([
    ...processors.map((p) => ({ ...p, children: true })),
    ...(broker ? [{ name: 'kafka broker (JVM)', pid: broker }] : []),
    ...(server ? [{ name: 'clickhouse-server', pid: server }] : []),
  ]);
  const self0 = selfCpuSeconds();
  // A processor that exits before stop() keeps the last reading taken here.
  const sampler = setInterval(() => meter.sample(), 1000);
  sampler.unref();
  return {
    stop(): CpuRow[] {
      clearInterval(sampler);
      const rows = [...meter.take()].map(([name, seconds]) => ({ name, seconds }));
      rows.push({ name: 'bench process (ingest, polling)', seconds: selfCpuSeconds() - self0 });
      return rows;
    },
    missing: [...(broker ? [] : ['kafka broker']), ...(server ? [] : ['clickhouse-server'])],
  };
}

/** The CPU table, in the bench's print style: seconds per 1,000 posts and share of the whole. */
export function cpuTable(rows: CpuRow[], posts: number, wallMs: number, cores: number): string[] {
  const total = rows.reduce((s, r) => s + r.seconds, 0);
  const lines = [
    `  ${'process'.padEnd(34)} ${'CPU s'.padStart(8)} ${'s/1,000 posts'.padStart(14)} ${'share'.padStart(6)} ${'cores'.padStart(6)}`,
  ];
  for (const r of [...rows, { name: 'total', seconds: total }]) {
    lines.push(
      `  ${r.name.padEnd(34)} ${r.seconds.toFixed(2).padStart(8)} ${((r.seconds * 1000) / posts).toFixed(3).padStart(14)} ${`${((100 * r.seconds) / total).toFixed(1)}%`.padStart(6)} ${(r.seconds / (wallMs / 1000)).toFixed(2).padStart(6)}`,
    );
  }
  lines.push(
    `  (over ${(wallMs / 1000).toFixed(1)} s of wall time; ${cores} cores = ${(cores * wallMs) / 1000} CPU s available)`,
  );
  return lines;
}

export interface EndToEndResult {
  ingestMs: number;
  /** Until every post is in `posts`. */
  postsMs: number;
  /** Until every expected mention is in `mentions`. */
  totalMs: number;
  cpu: CpuRow[];
  processes: number;
}

/**
 * Sustained end-to-end throughput: starts the processors with `start`, ingests `count` simulator items as fast
 * as the ingest path goes, and polls ClickHouse every 200 ms until `posts` and `mentions` hold every expected
 * row; meanwhile the CPU of every process involved is metered (see `processCpu`).
 */
export async function measureEndToEnd(
  rt: Runtime,
  start: StartProcessors,
  options: {
    count: number;
    posts: number;
    mentions: number;
    log: (line: string) => void;
    /**
     * Produces the input instead of the simulator source: prepared raw messages sent in bulk, so the figure is
     * the processors' capacity rather than the ingest path's (which the bench prints on its own).
     */
    produce?: (rt: Runtime) => Promise<void>;
  },
): Promise<EndToEndResult> {
  const processors = await start(rt);
  try {
    const source = createSimulatorSource(
      SimulatorSourceConfig.parse({
        type: 'simulator',
        id: 'bench',
        seed: 'bench',
        count: options.count,
        pageSize: 1000,
      }),
    );
    const cursors = new CursorStore(rt.kafka, rt.producer, rt.config.namespace);
    const cpu = processCpu(processors.processes);
    const t = Date.now();
    if (options.produce) await options.produce(rt);
    else
      await ingestOnce(source, {
        producer: rt.producer,
        cursors,
        rawTopic: topicName('raw', rt.config.namespace),
      });
    const ingestMs = Date.now() - t;
    let posts = 0;
    let mentions = 0;
    let postsMs = 0;
    let last = Date.now();
    while (posts < options.posts || mentions < options.mentions) {
      await new Promise((r) => setTimeout(r, 200));
      const [row] = await queryRows<{ posts: string; mentions: string }>(
        rt.clickhouse,
        'SELECT (SELECT uniqExact(post_id) FROM posts) AS posts, (SELECT uniqExact(brand, post_id) FROM mentions) AS mentions',
      );
      posts = Number(row?.posts ?? 0);
      mentions = Number(row?.mentions ?? 0);
      if (posts >= options.posts && postsMs === 0) postsMs = Date.now() - t;
      if (Date.now() - last > 5000) {
        last = Date.now();
        options.log(
          `  pipeline progress: ${posts}/${options.posts} posts, ${mentions}/${options.mentions} mentions in ClickHouse`,
        );
      }
    }
    const totalMs = Date.now() - t;
    return { ingestMs, postsMs, totalMs, cpu: cpu.stop(), processes: processors.processes.length };
  } finally {
    await processors.stop();
  }
}
