import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import seedrandom from 'seedrandom';
import { loadConfig } from '../../core/config.ts';
import { readPartitionsToEnd } from '../../core/partition-reader.ts';
import { queryRows } from '../../core/clickhouse.ts';
import { groupId } from '../../core/kafka.ts';
import { createRuntime, type Runtime } from '../../core/runtime.ts';
import { simulatorBrandConfigs } from '../../platforms/simulator/brands.ts';
import { createSimulator, type SimulatorOptions } from '../../platforms/simulator/generator.ts';
import { analyzerFromConfig } from '../../processors/enrich/pipeline/analyzer-from-config.ts';
import { runOffline } from '../../processors/enrich/pipeline/offline.ts';
import { inputsOf, LAYOUTS, processorsToRun, type ProcessorName } from '../../processors/components.ts';
import { LateralConfig } from '../../schema/config.ts';
import type { Mention } from '../../schema/mention.ts';
import { migrate } from '../../schema/migrate.ts';
import { allQueriesWithSamples, queries } from '../../schema/queries.ts';
import { topicName } from '../../schema/topics.ts';
import { expectedFromSimulator, expectedMentionsFromSimulator } from '../expectations.ts';
import { ROOT } from '../helpers.ts';
import { freePort, PrivateStack } from './private-stack.ts';

/**
 * The chaos suite: the whole pipeline as one OS process per component (as deployed), on a Kafka broker and a
 * ClickHouse server of its own, while the simulator streams; a supervisor restarts whatever dies. Faults, one
 * after the other, each measured until the pipeline commits again: kill -9 of random components, ClickHouse
 * killed for a while, the broker killed and restarted. Afterwards the stored data is compared with the ground
 * truth and every shipped query is checked for duplicates.
 */
export interface ChaosOptions {
  seed: string;
  items: number;
  ratePerSecond: number;
  malformedRate: number;
  componentKills: number;
  clickhouseOutageMs: number;
  brokerDownMs: number;
  /** Longest acceptable time from the end of a fault until every affected component commits again. */
  recoveryBoundMs: number;
  /** Longest acceptable time, after the stream and the last fault, until every lag is 0 and the data complete. */
  drainBoundMs: number;
  /** Allowed RSS growth of one component while ClickHouse is away. */
  memoryBoundMb: number;
  /** Processors sharing one OS process (absent: one process per processor, as deployed). */
  groups?: ProcessorName[][];
  log?: (line: string) => void;
}

export const CI_CHAOS: ChaosOptions = {
  seed: 'chaos-ci',
  items: 2400,
  ratePerSecond: 12,
  malformedRate: 0.02,
  componentKills: 3,
  clickhouseOutageMs: 15_000,
  brokerDownMs: 3000,
  recoveryBoundMs: 90_000,
  drainBoundMs: 120_000,
  memoryBoundMb: 150,
  // Fewer Node processes to start on a 2-core CI machine; a kill -9 takes down the whole group.
  groups: [
    ['normalize', 'sink-posts', 'sink-dead-letters'],
    ['enrich', 'threads'],
    ['sink-mentions', 'sink-interactions', 'score', 'sink-authors'],
  ],
};

export const FULL_CHAOS: ChaosOptions = {
  seed: 'chaos-full',
  items: 30_000,
  ratePerSecond: 70,
  malformedRate: 0.01,
  componentKills: 20,
  clickhouseOutageMs: 60_000,
  brokerDownMs: 5000,
  recoveryBoundMs: 120_000,
  drainBoundMs: 300_000,
  memoryBoundMb: 150,
};

/** The processors the run's configuration (simulated brands, no forward targets) gives work, as deployed. */
const PROCESSORS: ProcessorName[] = processorsToRun(
  LateralConfig.parse({ brands: simulatorBrandConfigs() }),
  LAYOUTS.components,
);
const SINKS = PROCESSORS.filter((p) => p.startsWith('sink-'));
/** A supervised OS process: the ingestor, or one or more processors. */
type Component = string;

export interface FaultRecord {
  fault: string;
  target: string;
  atS: number;
  downS: number;
  /** From the end of the fault until every affected component committed again (undefined: never). */
  recoveryS: number | undefined;
  /** When it never did: the components still behind at the bound, with their committed offset and lag. */
  behind?: string[];
}

export interface EntityCheck {
  entity: string;
  expected: number;
  found: number;
  lost: number;
  duplicated: number;
}

export interface ChaosReport {
  options: ChaosOptions;
  faults: FaultRecord[];
  entities: EntityCheck[];
  /** Every shipped query whose totals did not match (name → detail). */
  queryMismatches: string[];
  drainS: number | undefined;
  unplannedRestarts: Record<string, number>;
  /** "component healthy while consuming without committing" observations. */
  healthViolations: string[];
  /** Components whose committed offsets did not end at their topic's end. */
  notCommitted: string[];
  memory: { component: string; startMb: number; maxMb: number; growthMb: number }[];
  deadLetterKeysMissing: number;
  deadLetterKeysExtra: number;
  /** Which mentions and interactions are lost or unexpected, and where they last were on the way. */
  lossDetails: string[];
  totalS: number;
}

/** One supervised OS process per component; a supervisor restarts it when it dies (1 s later). */
class Supervised {
  child: ChildProcess | undefined;
  planned = false;
  unplanned = 0;
  stopping = false;
  finished = false;
  startedAt = 0;
  onUnplannedExit: ((line: string) => void) | undefined;

  constructor(
    readonly name: Component,
    readonly processors: ProcessorName[],
    private readonly args: string[],
    private readonly env: Record<string, string>,
    readonly metricsPort: number,
    private readonly logFile: string,
  ) {}

  start(): void {
    const out = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, this.args, {
      cwd: ROOT,
      env: { ...process.env, ...this.env, LATERAL_METRICS_PORT: String(this.metricsPort) },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    this.child = child;
    this.startedAt = Date.now();
    child.once('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      if (this.stopping) return;
      if (this.name === 'ingest' && code === 0) {
        this.finished = true;
        return;
      }
      if (!this.planned) {
        this.unplanned++;
        this.onUnplannedExit?.(`${this.name} exited by itself (code ${code}, signal ${signal}); restarting`);
      }
      this.planned = false;
      setTimeout(() => {
        if (!this.stopping && !this.child) this.start();
      }, 1000).unref();
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  kill9(): void {
    if (!this.child) return;
    this.planned = true;
    this.child.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }

  tail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

interface Sample {
  at: number;
  pid: number | undefined;
  healthy: boolean | undefined;
  detail: string;
  messagesIn: number | undefined;
  committed: number | undefined;
  lag: number | undefined;
}

function rssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function getText(url: string): Promise<{ status: number; body: string } | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1500) });
    return { status: res.status, body: await res.text() };
  } catch {
    return undefined;
  }
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[chaos] ${line}\n`));
  const t0 = Date.now();
  const since = () => (Date.now() - t0) / 1000;
  const id = `chaos${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const dir = join(tmpdir(), `lateral-${id}`);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const stack = await PrivateStack.create(join(dir, 'stack'), (l) => log(`stack: ${l}`));
  const supervised: Supervised[] = [];
  let rt: Runtime | undefined;
  let admin: Admin | undefined;
  let monitoring = true;
  // Interrupted (Ctrl-C, a CI timeout): stop what this run started before exiting.
  const interrupted = () => {
    monitoring = false;
    void Promise.allSettled(supervised.map((s) => s.stop()))
      .then(() => stack.destroy())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    log(`private stack in ${dir}`);
    await Promise.all([stack.startKafka(), stack.startClickHouse()]);
    log(`Kafka on ${stack.brokers}, ClickHouse on ${stack.clickhouseUrl} (${since().toFixed(0)} s)`);

    const sim: SimulatorOptions = {
      seed: options.seed,
      count: options.items,
      malformedRate: options.malformedRate,
    };
    const configFile = join(dir, 'lateral.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        brands: simulatorBrandConfigs(),
        sources: [
          {
            type: 'simulator',
            id: 'chaos',
            seed: sim.seed,
            count: sim.count,
            malformedRate: sim.malformedRate,
            ratePerSecond: options.ratePerSecond,
            pageSize: Math.max(20, Math.round(options.ratePerSecond)),
          },
        ],
      }),
    );
    const env: Record<string, string> = {
      KAFKA_BROKERS: stack.brokers,
      CLICKHOUSE_URL: stack.clickhouseUrl,
      LATERAL_NAMESPACE: id,
      CLICKHOUSE_DATABASE: `lateral_${id}`,
      LATERAL_CONFIG: configFile,
      LATERAL_LOG_LEVEL: 'info',
      LATERAL_SINK_BATCH_MS: '500',
      LATERAL_COMMIT_STALL_MS: '10000',
    };
    const config: LateralConfig = loadConfig({ env: { ...process.env, ...env } });
    await migrate(config);
    rt = await createRuntime(config);
    const monitorKafka = new Kafka({
      clientId: 'chaos-monitor',
      brokers: [stack.brokers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1000,
      requestTimeout: 3000,
      retry: { retries: 1, initialRetryTime: 200 },
    });
    admin = monitorKafka.admin();
    await admin.connect();

    // A processor with work that no group names (one added since) runs in the last group, not nowhere.
    const grouped = new Set(options.groups?.flat());
    const units: ProcessorName[][] = options.groups
      ? options.groups.map((g, i, all) =>
          i === all.length - 1 ? [...g, ...PROCESSORS.filter((p) => !grouped.has(p))] : g,
        )
      : PROCESSORS.map((p) => [p]);
    for (const unit of [...units, []]) {
      const name = unit.length === 0 ? 'ingest' : unit.join('+');
      const args =
        unit.length === 0
          ? [join(ROOT, 'bin/lateral.mjs'), 'ingest']
          : unit.length === 1
            ? [join(ROOT, 'bin/lateral.mjs'), 'process', unit[0]!]
            : ['--import', 'tsx', join(ROOT, 'test/chaos/worker.ts'), ...unit];
      supervised.push(
        new Supervised(name, unit, args, env, await freePort(), join(dir, 'logs', `${name}.log`)),
      );
    }
    const byName = new Map(supervised.map((s) => [s.name, s]));
    const unitOf = new Map(supervised.flatMap((s) => s.processors.map((p) => [p, s] as const)));
    const unstarted = PROCESSORS.filter((p) => !unitOf.has(p));
    if (unstarted.length > 0) throw new Error(`no process runs ${unstarted.join(', ')}`);
    for (const s of supervised) s.onUnplannedExit = log;
    for (const s of supervised) if (s.name !== 'ingest') s.start();

    // --- monitor: health, consumed, committed, lag of every processor, once a second
    const samples = new Map<Component, Sample[]>(PROCESSORS.map((p) => [p, []]));
    const inputTopics = (p: ProcessorName) => inputsOf(p).map((k) => topicName(k, id));
    const committedOf = async (p: ProcessorName): Promise<{ committed: number; lag: number } | undefined> => {
      try {
        const topics = inputTopics(p);
        const [offsets, ends] = await Promise.all([
          admin!.fetchOffsets({ groupId: groupId(id, p), topics }),
          Promise.all(topics.map((t) => admin!.fetchTopicOffsets(t))),
        ]);
        let committed = 0;
        let lag = 0;
        // fetchOffsets does not answer in the order of `topics`: match the ends by topic name.
        for (const t of offsets)
          for (const part of t.partitions) {
            const topicEnds = ends[topics.indexOf(t.topic)] ?? [];
            const end = Number(topicEnds.find((e) => e.partition === part.partition)?.high ?? 0);
            const c = Math.max(0, Number(part.offset));
            committed += c;
            lag += Math.max(0, end - c);
          }
        return { committed, lag };
      } catch {
        return undefined;
      }
    };
    const rawEnd = async (): Promise<number | undefined> => {
      try {
        const o = await admin!.fetchTopicOffsets(topicName('raw', id));
        return o.reduce((s, p) => s + Number(p.high), 0);
      } catch {
        return undefined;
      }
    };
    const healthViolations: string[] = [];
    const VIOLATION_WINDOW_MS = 25_000;
    const monitor = (async () => {
      while (monitoring) {
        const at = Date.now();
        await Promise.all(
          PROCESSORS.map(async (p) => {
            const s = unitOf.get(p)!;
            const [health, metricsText, offsets] = await Promise.all([
              getText(`http://127.0.0.1:${s.metricsPort}/healthz`),
              getText(`http://127.0.0.1:${s.metricsPort}/metrics`),
              committedOf(p),
            ]);
            const m = metricsText
              ? new RegExp(`lateral_messages_in_total\\{component="${p}"\\} (\\d+)`).exec(metricsText.body)
              : null;
            const sample: Sample = {
              at,
              pid: s.pid,
              healthy: health ? health.status === 200 : undefined,
              detail: health?.body.slice(0, 300) ?? 'no answer',
              messagesIn: m ? Number(m[1]) : metricsText ? 0 : undefined,
              committed: offsets?.committed,
              lag: offsets?.lag,
            };
            const list = samples.get(p)!;
            list.push(sample);
            // Healthy now, consumed input during the window, committed offset unchanged over it, input left
            // uncommitted: a lie.
            if (sample.healthy && sample.committed !== undefined && sample.messagesIn !== undefined) {
              const before = list.find(
                (x) => x.at >= at - VIOLATION_WINDOW_MS - 1500 && x.at <= at - VIOLATION_WINDOW_MS,
              );
              const samePid = list
                .filter((x) => x.at >= (before?.at ?? at))
                .every((x) => x.pid === sample.pid);
              if (
                before &&
                samePid &&
                before.committed !== undefined &&
                before.messagesIn !== undefined &&
                sample.messagesIn > before.messagesIn &&
                sample.committed === before.committed &&
                (sample.lag ?? 0) > 0
              )
                healthViolations.push(
                  `${p} at ${((at - t0) / 1000).toFixed(0)} s: healthy, consumed ${sample.messagesIn - before.messagesIn} messages in ${VIOLATION_WINDOW_MS / 1000} s, committed nothing`,
                );
            }
          }),
        );
        const wait = 1000 - (Date.now() - at);
        if (wait > 0) await sleep(wait);
      }
    })();

    const latest = (p: ProcessorName) => samples.get(p)!.at(-1);
    /** The components the last `waitRecovered` left behind, with their offsets, lag and health. */
    let lastBehind: string[] = [];
    /** Waits until every component in `names` committed past `baseline`, or has no lag left while healthy. */
    const waitRecovered = async (
      names: ProcessorName[],
      baseline: Map<ProcessorName, number>,
      boundMs: number,
      killedPid?: number,
    ): Promise<number | undefined> => {
      const start = Date.now();
      const pending = new Set(names);
      while (pending.size > 0 && Date.now() - start < boundMs) {
        await sleep(500);
        for (const p of [...pending]) {
          const now = await committedOf(p);
          // Idle components count as recovered once a fresh sample (of the new process) says healthy.
          const sample = latest(p);
          const fresh = sample && sample.at > start && sample.pid !== undefined && sample.pid !== killedPid;
          if (!now) continue;
          if (now.committed > (baseline.get(p) ?? -1) || (now.lag === 0 && fresh && sample.healthy))
            pending.delete(p);
        }
      }
      lastBehind = await Promise.all(
        [...pending].map(async (p) => {
          const c = await committedOf(p);
          return `${p} (committed ${c?.committed ?? '?'}, was ${baseline.get(p)}, lag ${c?.lag ?? '?'}, healthy ${latest(p)?.healthy})`;
        }),
      );
      return pending.size === 0 ? (Date.now() - start) / 1000 : undefined;
    };
    const baselineOf = async (names: ProcessorName[]) => {
      const m = new Map<ProcessorName, number>();
      for (const p of names) m.set(p, (await committedOf(p))?.committed ?? -1);
      return m;
    };

    // Every processor up and in its group before the stream starts.
    const upStart = Date.now();
    while (Date.now() - upStart < 180_000 && !PROCESSORS.every((p) => latest(p)?.healthy)) await sleep(500);
    log(
      `all processors healthy after ${((Date.now() - upStart) / 1000).toFixed(0)} s; streaming ${options.items} items at ${options.ratePerSecond}/s`,
    );
    byName.get('ingest')!.start();
    await sleep(5000);

    const faults: FaultRecord[] = [];
    /** After a restart: how long the outage lasted and until `names` committed past `baseline`, recorded. */
    const recordOutage = async (
      fault: string,
      target: string,
      atS: number,
      downStart: number,
      names: ProcessorName[],
      baseline: Map<ProcessorName, number>,
    ): Promise<FaultRecord> => {
      const downS = (Date.now() - downStart) / 1000;
      const recoveryS = await waitRecovered(names, baseline, options.recoveryBoundMs);
      faults.push({
        fault,
        target,
        atS,
        downS,
        recoveryS,
        ...(recoveryS === undefined ? { behind: lastBehind } : {}),
      });
      return faults.at(-1)!;
    };
    const rng = seedrandom.alea(options.seed);

    // --- 1. ClickHouse killed for a while: sinks hold (bounded memory), then catch up
    const memory: ChaosReport['memory'] = [];
    {
      const at = since();
      const startRss = new Map(supervised.map((s) => [s.name, rssMb(s.pid) ?? 0]));
      const maxRss = new Map(startRss);
      await stack.killClickHouse();
      const downStart = Date.now();
      while (Date.now() - downStart < options.clickhouseOutageMs) {
        await sleep(1000);
        for (const s of supervised) {
          const r = rssMb(s.pid);
          if (r !== undefined) maxRss.set(s.name, Math.max(maxRss.get(s.name) ?? 0, r));
        }
      }
      const unhealthySinks = SINKS.filter((p) => latest(p)?.healthy === false);
      const baseline = await baselineOf(SINKS);
      await stack.startClickHouse();
      const f = await recordOutage('ClickHouse kill -9', 'clickhouse', at, downStart, SINKS, baseline);
      for (const s of supervised) {
        const start = startRss.get(s.name) ?? 0;
        const max = maxRss.get(s.name) ?? 0;
        memory.push({ component: s.name, startMb: start, maxMb: max, growthMb: Math.max(0, max - start) });
      }
      log(
        `ClickHouse down ${f.downS.toFixed(0)} s (sinks unhealthy meanwhile: ${unhealthySinks.join(', ') || 'none'}): committing again ${f.recoveryS?.toFixed(1) ?? 'never'} s after its restart`,
      );
    }

    // --- 2. the broker killed and restarted, its own scenario
    {
      await sleep(3000);
      const at = since();
      const baseline = await baselineOf(PROCESSORS);
      await stack.killKafka();
      const downStart = Date.now();
      await sleep(options.brokerDownMs);
      await stack.startKafka();
      // After the restart every group must commit again, including past what it committed before the kill.
      const f = await recordOutage('broker kill -9 + restart', 'kafka', at, downStart, PROCESSORS, baseline);
      log(
        `broker down ${f.downS.toFixed(0)} s: every group committing again ${f.recoveryS?.toFixed(1) ?? 'never'} s after its restart`,
      );
    }

    // --- 3. kill -9 of random components, one at a time, each measured until it commits again
    for (let k = 0; k < options.componentKills; k++) {
      const candidates = supervised.filter((s) => s.child && !s.finished);
      const victim = candidates[Math.floor(rng() * candidates.length)]!;
      const at = since();
      if (victim.name === 'ingest') {
        const before = await rawEnd();
        victim.kill9();
        const start = Date.now();
        let recovered: number | undefined;
        while (Date.now() - start < options.recoveryBoundMs) {
          await sleep(500);
          const end = await rawEnd();
          if (
            victim.finished ||
            (end !== undefined && before !== undefined && end > before && victim.child)
          ) {
            recovered = (Date.now() - start) / 1000;
            break;
          }
        }
        faults.push({ fault: 'kill -9', target: 'ingest', atS: at, downS: 0, recoveryS: recovered });
      } else {
        const pid = victim.pid;
        victim.kill9();
        // Read after the kill: a dead member commits nothing, so any advance is the new process's.
        const baseline = await baselineOf(victim.processors);
        const recovered = await waitRecovered(victim.processors, baseline, options.recoveryBoundMs, pid);
        faults.push({ fault: 'kill -9', target: victim.name, atS: at, downS: 0, recoveryS: recovered });
      }
      const f = faults.at(-1)!;
      log(
        `kill -9 ${f.target} at ${f.atS.toFixed(0)} s: committing again after ${f.recoveryS?.toFixed(1) ?? 'never'} s`,
      );
      await sleep(500 + rng() * 2500);
    }

    // --- drain: stream finished, every lag 0, every row stored
    const { postIds, malformedKeys } = expectedFromSimulator(sim);
    const expectedMentions = expectedMentionsFromSimulator(sim);
    const offline = runOffline(
      [...createSimulator(sim).items(0)].map((i) => ({ source: 'simulator', payload: i.payload })),
      await analyzerFromConfig(config),
      config,
    );
    const expectedAuthors = new Set<string>();
    for (const m of offline.mentions.values()) expectedAuthors.add(m.authorId);
    for (const i of offline.interactions.values()) {
      expectedAuthors.add(i.from);
      expectedAuthors.add(i.to);
    }
    const drainStart = Date.now();
    let drainS: number | undefined;
    const scalar = async (q: string) => {
      const rows = await queryRows<Record<string, string>>(rt!.clickhouse, q);
      return Number(Object.values(rows[0] ?? {})[0] ?? 0);
    };
    while (Date.now() - drainStart < options.drainBoundMs + (options.items / options.ratePerSecond) * 1000) {
      await sleep(2000);
      if (!byName.get('ingest')!.finished) continue;
      try {
        const lags = await Promise.all(PROCESSORS.map((p) => committedOf(p)));
        if (lags.some((l) => l === undefined || l.lag > 0)) continue;
        if ((await scalar(queries.postsTotal())) < postIds.size) continue;
        if ((await scalar('SELECT uniqExact(brand, post_id) FROM mentions')) < expectedMentions.total)
          continue;
        if ((await scalar('SELECT uniqExact(id) FROM interactions')) < offline.interactions.size) continue;
        if ((await scalar(queries.deadLettersTotal())) < malformedKeys.size) continue;
        drainS = (Date.now() - drainStart) / 1000;
        break;
      } catch {
        // ClickHouse or Kafka still coming back
      }
    }
    log(`drained ${drainS === undefined ? 'never' : `in ${drainS.toFixed(0)} s`} after the last fault`);
    writeFileSync(join(dir, 'samples.json'), JSON.stringify(Object.fromEntries(samples)));
    for (const p of PROCESSORS) {
      const x = latest(p);
      log(
        `${p}: healthy ${x?.healthy}, lag ${x?.lag}, committed ${x?.committed}, consumed ${x?.messagesIn}, ${x?.detail}`,
      );
    }
    // Let scores of the last batches land, then stop every component gracefully.
    await sleep(3000);
    monitoring = false;
    await monitor;
    const notCommitted: string[] = [];
    for (const p of PROCESSORS) {
      const c = await committedOf(p);
      if (!c || c.lag > 0 || c.committed === 0)
        notCommitted.push(`${p}: ${c ? `lag ${c.lag}, committed ${c.committed}` : 'unknown'}`);
    }
    await Promise.all(supervised.map((s) => s.stop()));

    // --- compare with the truth
    const entities: EntityCheck[] = [];
    const check = (entity: string, expected: number, found: number, duplicated: number) =>
      entities.push({ entity, expected, found, lost: Math.max(0, expected - found), duplicated });
    const storedPosts = new Set(
      (await queryRows<{ post_id: string }>(rt.clickhouse, 'SELECT DISTINCT post_id FROM posts')).map(
        (r) => r.post_id,
      ),
    );
    const foundPosts = [...postIds].filter((p) => storedPosts.has(p)).length;
    const sum = async (q: string, col: string) =>
      (await queryRows<Record<string, string>>(rt!.clickhouse, q)).reduce((s, r) => s + Number(r[col]), 0);
    const queryMismatches: string[] = [];
    const expectEq = (name: string, got: number, want: number) => {
      if (got !== want) queryMismatches.push(`${name}: ${got}, expected ${want}`);
      return Math.max(0, got - want);
    };
    const postDup = Math.max(
      expectEq('postsTotal', await scalar(queries.postsTotal()), postIds.size),
      expectEq('postsBySource', await sum(queries.postsBySource(), 'posts'), postIds.size),
      expectEq('postsByKind', await sum(queries.postsByKind(), 'posts'), postIds.size),
      expectEq('postsByLanguage', await sum(queries.postsByLanguage(1000), 'posts'), postIds.size),
      expectEq(
        'postsPerHour',
        await sum(queries.postsPerHour(new Date('2000-01-01T00:00:00Z')), 'posts'),
        postIds.size,
      ),
      storedPosts.size - foundPosts,
    );
    check('posts', postIds.size, foundPosts, postDup);

    const byDirection = await queryRows<{ brand: string; direction: string; mentions: string }>(
      rt.clickhouse,
      queries.mentionsByBrandDirection(),
    );
    const got = new Map(byDirection.map((r) => [`${r.brand}|${r.direction}`, Number(r.mentions)]));
    let mentionsLost = 0;
    let mentionsDup = 0;
    for (const key of new Set([...got.keys(), ...expectedMentions.counts.keys()])) {
      const diff = (got.get(key) ?? 0) - (expectedMentions.counts.get(key) ?? 0);
      if (diff !== 0)
        queryMismatches.push(
          `mentionsByBrandDirection ${key}: ${got.get(key) ?? 0}, expected ${expectedMentions.counts.get(key) ?? 0}`,
        );
      if (diff < 0) mentionsLost -= diff;
      else mentionsDup += diff;
    }
    if (mentionsDup > 0) {
      // Rows of one mention that FINAL did not collapse: where each sits says why (partition, part, version).
      const split = await queryRows<Record<string, unknown>>(
        rt.clickhouse,
        'SELECT brand, post_id, count() AS n, groupArray(_part) AS parts, groupArray(toString(created_at)) AS created, groupArray(version) AS versions, groupArray(revision) AS revisions, groupArray(toString(direction)) AS directions FROM mentions FINAL GROUP BY brand, post_id HAVING n > 1 LIMIT 10',
      );
      for (const row of split) queryMismatches.push(`mentions FINAL kept ${JSON.stringify(row)}`);
    }
    const rollup = await scalar(
      'SELECT sum(n) FROM (SELECT uniqExactMerge(mentions) AS n FROM mention_rollup_minute GROUP BY brand, bucket)',
    );
    mentionsDup = Math.max(mentionsDup, expectEq('mention_rollup_minute', rollup, expectedMentions.total));
    entities.push({
      entity: 'mentions (brand × direction)',
      expected: expectedMentions.total,
      found: expectedMentions.total - mentionsLost,
      lost: mentionsLost,
      duplicated: mentionsDup,
    });

    const storedInteractions = new Set(
      (await queryRows<{ id: string }>(rt.clickhouse, 'SELECT DISTINCT id FROM interactions')).map(
        (r) => r.id,
      ),
    );
    const foundInteractions = [...offline.interactions.keys()].filter((k) =>
      storedInteractions.has(k),
    ).length;
    check(
      'interactions',
      offline.interactions.size,
      foundInteractions,
      Math.max(
        expectEq(
          'interactionsByKind',
          await sum(queries.interactionsByKind(), 'interactions'),
          offline.interactions.size,
        ),
        storedInteractions.size - foundInteractions,
      ),
    );

    const storedAuthors = new Set(
      (await queryRows<{ author_id: string }>(rt.clickhouse, 'SELECT DISTINCT author_id FROM authors')).map(
        (r) => r.author_id,
      ),
    );
    const foundAuthors = [...expectedAuthors].filter((a) => storedAuthors.has(a)).length;
    const authorRows = await scalar('SELECT count() FROM authors FINAL');
    const authorPairs = await scalar('SELECT uniqExact(author_id, brand) FROM authors');
    check(
      'authors',
      expectedAuthors.size,
      foundAuthors,
      Math.max(
        expectEq('authors FINAL rows = author × brand', authorRows, authorPairs),
        storedAuthors.size - foundAuthors,
      ),
    );

    const deadKeys = new Set(
      (await queryRows<{ key: string }>(rt.clickhouse, 'SELECT DISTINCT key FROM dead_letters')).map(
        (r) => r.key,
      ),
    );
    const dead = await scalar(queries.deadLettersTotal());
    const deadByStep = await sum(queries.deadLettersByStep(), 'dead_letters');
    check(
      'dead letters',
      malformedKeys.size,
      [...malformedKeys].filter((k) => deadKeys.has(k)).length,
      Math.max(
        expectEq('deadLettersTotal', dead, malformedKeys.size),
        expectEq('deadLettersByStep', deadByStep, malformedKeys.size),
      ),
    );
    for (const q of allQueriesWithSamples())
      if (q.sql.startsWith('SELECT'))
        await queryRows(rt.clickhouse, q.sql).catch((err: Error) =>
          queryMismatches.push(`${q.name} failed: ${err.message.slice(0, 200)}`),
        );

    const lossDetails = await describeLosses(rt, id, offline);

    const unplannedRestarts = Object.fromEntries(
      supervised.filter((s) => s.unplanned > 0).map((s) => [s.name, s.unplanned]),
    );
    if (drainS === undefined || notCommitted.length > 0)
      for (const s of supervised) log(`--- ${s.name} log tail ---\n${s.tail(15)}`);
    return {
      options,
      faults,
      entities,
      queryMismatches,
      drainS,
      unplannedRestarts,
      healthViolations,
      notCommitted,
      memory,
      deadLetterKeysMissing: [...malformedKeys].filter((k) => !deadKeys.has(k)).length,
      deadLetterKeysExtra: [...deadKeys].filter((k) => !malformedKeys.has(k)).length,
      lossDetails,
      totalS: since(),
    };
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    monitoring = false;
    await Promise.allSettled(supervised.map((s) => s.stop()));
    await admin?.disconnect().catch(() => undefined);
    await rt?.close().catch(() => undefined);
    await stack.destroy();
  }
}

const pad = (s: string, n: number) => s.padEnd(n);

/** The report as text: faults with their recovery, then what was lost or duplicated per entity. */
export function formatChaosReport(r: ChaosReport): string {
  const lines: string[] = [];
  const o = r.options;
  lines.push(
    `chaos: ${o.items} simulator items at ${o.ratePerSecond}/s (${(o.malformedRate * 100).toFixed(0)} % malformed), ${o.componentKills} component kill -9s, ClickHouse down ${o.clickhouseOutageMs / 1000} s, broker kill -9 + restart; ${r.totalS.toFixed(0)} s in total`,
  );
  lines.push('');
  const w = Math.max(18, ...r.faults.map((f) => f.target.length));
  lines.push(`| ${pad('fault', 26)} | ${pad('target', w)} | at (s) | down (s) | recovery (s) |`);
  lines.push(`| ${'-'.repeat(26)} | ${'-'.repeat(w)} | ------ | -------- | ------------ |`);
  for (const f of r.faults)
    lines.push(
      `| ${pad(f.fault, 26)} | ${pad(f.target, w)} | ${f.atS.toFixed(0).padStart(6)} | ${f.downS.toFixed(0).padStart(8)} | ${(f.recoveryS === undefined ? 'never' : f.recoveryS.toFixed(1)).padStart(12)} |`,
    );
  const kills = r.faults
    .filter((f) => f.fault === 'kill -9' && f.recoveryS !== undefined)
    .map((f) => f.recoveryS!);
  if (kills.length > 0)
    lines.push(
      `component kill -9 recovery: median ${kills.sort((a, b) => a - b)[Math.floor(kills.length / 2)]!.toFixed(1)} s, max ${Math.max(...kills).toFixed(1)} s (process start + group rejoin)`,
    );
  lines.push('');
  lines.push(`| ${pad('entity', 28)} | expected |    found | lost | duplicated |`);
  lines.push(`| ${'-'.repeat(28)} | -------- | -------- | ---- | ---------- |`);
  for (const e of r.entities)
    lines.push(
      `| ${pad(e.entity, 28)} | ${String(e.expected).padStart(8)} | ${String(e.found).padStart(8)} | ${String(e.lost).padStart(4)} | ${String(e.duplicated).padStart(10)} |`,
    );
  lines.push('');
  lines.push(
    `drained (every lag 0, every row stored) ${r.drainS === undefined ? 'NEVER' : `${r.drainS.toFixed(0)} s`} after the last fault`,
  );
  lines.push(
    `memory while ClickHouse was down (RSS growth, MB): ${r.memory.map((m) => `${m.component} +${m.growthMb.toFixed(0)}`).join(', ')}`,
  );
  lines.push(`unplanned restarts: ${JSON.stringify(r.unplannedRestarts)}`);
  lines.push(
    `healthy while not committing: ${r.healthViolations.length === 0 ? 'never' : r.healthViolations.join('; ')}`,
  );
  if (r.notCommitted.length > 0) lines.push(`offsets not committed to the end: ${r.notCommitted.join('; ')}`);
  if (r.queryMismatches.length > 0) lines.push(`query mismatches: ${r.queryMismatches.join('; ')}`);
  if (r.lossDetails.length > 0) lines.push(`losses:\n  ${r.lossDetails.join('\n  ')}`);
  return lines.join('\n');
}

/** What the suite requires of a run; empty when it passed. */
export function chaosFailures(r: ChaosReport): string[] {
  const failures: string[] = [];
  for (const e of r.entities) {
    if (e.lost > 0) failures.push(`${e.entity}: ${e.lost} lost`);
    if (e.duplicated > 0) failures.push(`${e.entity}: ${e.duplicated} duplicated`);
  }
  failures.push(...r.queryMismatches.map((m) => `query: ${m}`));
  if (r.deadLetterKeysMissing > 0 || r.deadLetterKeysExtra > 0)
    failures.push(
      `dead letters: ${r.deadLetterKeysMissing} malformed items missing, ${r.deadLetterKeysExtra} other keys dead-lettered`,
    );
  for (const f of r.faults)
    if (f.recoveryS === undefined || f.recoveryS * 1000 > r.options.recoveryBoundMs)
      failures.push(
        `${f.fault} ${f.target}: not committing again within ${r.options.recoveryBoundMs / 1000} s${f.behind?.length ? ` (behind: ${f.behind.join('; ')})` : ''}`,
      );
  if (r.drainS === undefined) failures.push(`lag not back to 0 with every row stored within the bound`);
  failures.push(...r.notCommitted.map((n) => `committed offsets: ${n}`));
  failures.push(...r.healthViolations.map((v) => `health: ${v}`));
  // The ingestor does not talk to ClickHouse; it starts just before the outage, so its growth is its start-up.
  for (const m of r.memory)
    if (m.component !== 'ingest' && m.growthMb > r.options.memoryBoundMb)
      failures.push(`memory: ${m.component} grew ${m.growthMb.toFixed(0)} MB while ClickHouse was down`);
  return failures;
}

/**
 * For every mention (brand × post) and interaction the in-process run has and ClickHouse has not, or the other
 * way round: whether it reached its Kafka topic (so the stage that lost it is the sink or the threads stage)
 * and, for mentions, what the threads stage got as input for that post.
 */
async function describeLosses(
  rt: Runtime,
  ns: string,
  offline: ReturnType<typeof runOffline>,
): Promise<string[]> {
  const out: string[] = [];
  const LIMIT = 25;
  const storedMentions = new Set(
    (
      await queryRows<{ brand: string; post_id: string }>(
        rt.clickhouse,
        'SELECT DISTINCT brand, post_id FROM mentions',
      )
    ).map((r) => `${r.brand}|${r.post_id}`),
  );
  const storedInteractions = new Set(
    (await queryRows<{ id: string }>(rt.clickhouse, 'SELECT DISTINCT id FROM interactions')).map((r) => r.id),
  );
  const lostMentions = [...offline.mentions.keys()].filter((k) => !storedMentions.has(k));
  const extraMentions = [...storedMentions].filter((k) => !offline.mentions.has(k));
  const lostInteractions = [...offline.interactions.keys()].filter((k) => !storedInteractions.has(k));
  const extraInteractions = [...storedInteractions].filter((k) => !offline.interactions.has(k));
  if (lostMentions.length + extraMentions.length + lostInteractions.length + extraInteractions.length === 0)
    return out;
  const postIds = new Set(
    [...lostMentions, ...extraMentions]
      .map((k) => k.slice(k.indexOf('|') + 1))
      .concat([...lostInteractions, ...extraInteractions].map((k) => k.split('>')[0]!)),
  );
  const inTopic = (key: string) => {
    const topic = topicName(key as Parameters<typeof topicName>[0], ns);
    const seen = new Map<string, { partition: number; value: Record<string, unknown> }[]>();
    return readPartitionsToEnd(rt.kafka, {
      topic,
      onMessage: (partition, value) => {
        if (!value) return;
        let v: Record<string, unknown>;
        try {
          v = JSON.parse(value.toString('utf8')) as Record<string, unknown>;
        } catch {
          return;
        }
        const post = (v.post as { postId?: string } | undefined)?.postId;
        const postId = (v.postId as string | undefined) ?? post;
        if (postId === undefined || !postIds.has(postId)) return;
        const list = seen.get(postId) ?? [];
        list.push({ partition, value: v });
        seen.set(postId, list);
      },
    }).then(() => seen);
  };
  const [mentions, interactions, enriched] = await Promise.all([
    inTopic('mentions'),
    inTopic('interactions'),
    inTopic('enriched'),
  ]);
  const describeInput = (postId: string) =>
    (enriched.get(postId) ?? [])
      .map((e) => `${String(e.value.brand)}/${String(e.value.matchedBy ?? '-')}@p${e.partition}`)
      .join(',') || 'not in enriched';
  const describeMention = (k: string, m: Mention | undefined) => {
    const [brand, postId] = [k.slice(0, k.indexOf('|')), k.slice(k.indexOf('|') + 1)];
    const copies = (mentions.get(postId) ?? []).filter((x) => x.value.brand === brand);
    const last = copies.at(-1)?.value;
    return (
      `${k}: ${copies.length} in the mentions topic` +
      (last ? ` (last: ${String(last.direction)}, root ${String(last.rootId)})` : '') +
      (m
        ? `; offline: ${m.direction}, ${m.matchedBy}, root ${m.rootId}, parent ${m.replyToPostId ?? m.quoteOfPostId ?? m.repostOfPostId ?? '-'}`
        : '') +
      `; enriched: ${describeInput(postId)}`
    );
  };
  for (const k of lostMentions.slice(0, LIMIT))
    out.push(`mention lost ${describeMention(k, offline.mentions.get(k))}`);
  for (const k of extraMentions.slice(0, LIMIT))
    out.push(`mention unexpected ${describeMention(k, undefined)}`);
  const describeInteraction = (id: string) => {
    const postId = id.split('>')[0]!;
    const copies = (interactions.get(postId) ?? []).filter((x) => x.value.id === id).length;
    const others = (interactions.get(postId) ?? []).map((x) => String(x.value.id)).filter((x) => x !== id);
    const m = [...offline.mentions.values()].find((x) => x.postId === postId);
    return (
      `${id}: ${copies} in the interactions topic; same post there: ${[...new Set(others)].join(',') || '-'}` +
      (m
        ? `; offline mention ${m.brand} ${m.matchedBy} parent ${m.replyToPostId ?? m.quoteOfPostId ?? m.repostOfPostId ?? '-'}`
        : '') +
      `; enriched: ${describeInput(postId)}`
    );
  };
  for (const id of lostInteractions.slice(0, LIMIT)) out.push(`interaction lost ${describeInteraction(id)}`);
  for (const id of extraInteractions.slice(0, LIMIT))
    out.push(`interaction unexpected ${describeInteraction(id)}`);
  return out;
}
