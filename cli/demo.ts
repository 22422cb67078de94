import { join, resolve } from 'node:path';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { logToFile } from '../core/logger.ts';
import type { Runtime } from '../core/runtime.ts';
import { queryRows } from '../core/clickhouse.ts';
import { createRuntime } from '../core/runtime.ts';
import { CursorStore } from '../ingest/framework/cursor-store.ts';
import { createSimulator } from '../platforms/simulator/generator.ts';
import { simulatorBrandConfigs } from '../platforms/simulator/brands.ts';
import { truthMentions } from '../platforms/simulator/truth.ts';
import { simulatorOptions, writeGroundTruth } from '../platforms/simulator/source.ts';
import { type LateralConfig } from '../schema/config.ts';
import { SimulatorSourceConfig } from '../platforms/simulator/config.ts';
import { migrate } from '../schema/migrate.ts';
import { queries } from '../schema/queries.ts';
import { say, table } from './context.ts';
import { loadStack } from './dev-modules.ts';
import { openDashboard } from './dashboard.ts';
import { runSources, startProcessors } from '../runtime/pipeline.ts';
import { startDemoAlerts } from '../processors/alerts/demo.ts';
import { alertQueries } from '../schema/queries/alerts.ts';
import type { SpikeWindow } from '../platforms/simulator/generator.ts';
import { caughtUp, formatStatus, pipelineStatus } from './status.ts';

/** Polls until `check` is true or the deadline passes (then goes on: the summary shows what is there). */
async function waitFor(check: () => Promise<boolean>, deadline: number): Promise<void> {
  while (Date.now() < deadline && !(await check())) await new Promise((r) => setTimeout(r, 500));
}

const DAY = 86_400_000;

/**
 * Items per simulated hour: about a day of history whatever the count, so each brand has a few mentions a
 * minute and its simulated spikes stand out against an hour or more of baseline (the alerts' warm-up).
 */
export const demoPostsPerHour = (count: number) => Math.min(1500, Math.max(20, Math.round(count / 24)));
/** The demo's history is a day: the alerts' baseline may start after an hour of it (default three). */
const DEMO_ALERTS_WARMUP_MINUTES = 60;

/**
 * Where the simulated period starts: the first run of a seed and count picks a midnight such that the period
 * ends in the last day, and later runs reuse it, so a re-run writes the same rows (same days) again.
 */
function demoStart(dir: string, seed: string, count: number): string {
  const postsPerHour = demoPostsPerHour(count);
  const file = join(dir, `start-${seed.replace(/[^A-Za-z0-9_-]/g, '_')}-${count}-${postsPerHour}.txt`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const probe = Date.UTC(2026, 0, 1);
  let last = probe;
  for (const item of createSimulator({
    seed,
    count,
    postsPerHour,
    start: new Date(probe).toISOString(),
  }).items(0)) {
    // Every platform shape names its times differently: take the latest ISO time anywhere in the payload.
    for (const iso of JSON.stringify(item.payload).match(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g) ??
      []) {
      const at = Date.parse(iso);
      if (at > last) last = at;
    }
  }
  const start = new Date(Math.floor((Date.now() - (last - probe)) / DAY) * DAY).toISOString();
  writeFileSync(file, `${start}\n`);
  return start;
}

/**
 * The serving phase: the same simulated community keeps posting in real time (new ids each round) while the
 * dashboard serves, until Ctrl-C. Other live parts of the demo go in `extras`: each starts and returns its stop.
 */
async function serveLive(
  rt: Runtime,
  options: { count: number; seed: string },
  extras: ((rt: Runtime) => Promise<() => Promise<void>>)[] = [],
): Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  let stopped = false;
  let current: { stop(): Promise<void> } | undefined;
  const cursors = new CursorStore(rt.kafka, rt.producer, rt.config.namespace);
  const rounds = (async () => {
    while (!stopped) {
      const start = new Date(Math.floor(Date.now() / 1000) * 1000);
      const live = SimulatorSourceConfig.parse({
        type: 'simulator',
        id: 'demo-live',
        seed: options.seed,
        count: options.count,
        start: start.toISOString(),
        // One simulated hour per round, in real time: `count` posts an hour (5,000 by default, about 1.4/s).
        postsPerHour: options.count,
        realtime: true,
        idBase: Math.floor(start.getTime() / 60_000) * 10_000_000,
        pageSize: 50,
      });
      await cursors.reset(live.id);
      const run = runSources(rt, [live]);
      current = run;
      await run.done.catch(() => undefined);
    }
  })();
  try {
    const dashboard = await openDashboard(rt.config);
    stops.push(() => dashboard.close());
    for (const extra of extras) stops.push(await extra(rt));
    say('');
    say(
      `Dashboard: ${dashboard.url}  (live: the simulated community keeps posting, about ${Math.max(1, Math.round(options.count / 60))} posts a minute)`,
    );
    say('Ctrl-C stops the demo; the stack keeps running.');
    await new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    say('stopping…');
  } finally {
    stopped = true;
    await current?.stop();
    await rounds;
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
}

/** The alerts stored for the demo next to the simulator's spike windows (its ground truth). */
async function alertsAgainstSpikes(rt: Runtime, spikes: SpikeWindow[]): Promise<string[]> {
  const rows = await queryRows<{ brand: string; rule: string; window_start: string; window_end: string }>(
    rt.clickhouse,
    alertQueries.alertsSince(new Date('2000-01-01T00:00:00Z'), undefined, 1000),
  );
  const at = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);
  // Replies to a spike's threads still come in for a while after its window: counted with it.
  const AFTER = 3_600_000;
  // The run ends when its items are used up, which can be before the last planned spike; late replies trickle
  // in for days after that. The period ends at the first hour with under 5 % of the busiest hour's mentions.
  const hours = await queryRows<{ hour: string; n: string }>(
    rt.clickhouse,
    'SELECT toUInt32(toStartOfHour(created_at)) AS hour, count() AS n FROM mentions GROUP BY hour ORDER BY hour',
  );
  const busiest = Math.max(0, ...hours.map((h) => Number(h.n)));
  const quiet = hours.find((h) => Number(h.n) < 0.05 * busiest);
  const end = quiet ? Number(quiet.hour) * 1000 : Infinity;
  const all = spikes.map((s) => ({ ...s, a: Date.parse(s.start), b: Date.parse(s.end) }));
  const windows = all.filter((w) => w.a < end);
  const within = (r: (typeof rows)[number], w: (typeof windows)[number], after = 0) =>
    r.brand === w.brand && at(r.window_end) > w.a && at(r.window_start) < w.b + after;
  const lines = windows.map((w) => {
    const hits = rows.filter((r) => within(r, w)).sort((x, y) => at(x.window_end) - at(y.window_end));
    const first = hits[0];
    return {
      brand: w.brand,
      spike: `${w.start.slice(0, 16).replace('T', ' ')} – ${w.end.slice(11, 16)}`,
      story: w.story,
      alerts: hits.length,
      first_alert: first ? `${first.rule}, ${Math.round((at(first.window_end) - w.a) / 60_000)} min in` : '-',
    };
  });
  const outside = rows.filter((r) => !windows.some((w) => within(r, w, AFTER))).length;
  const later = all.length - windows.length;
  return [
    `Alerts against the simulated spikes (ground truth): ${lines.filter((l) => l.alerts > 0).length} of ${lines.length} spikes alerted, ${outside} alerts outside them${later > 0 ? ` (${later} planned spike${later > 1 ? 's' : ''} after the last simulated minute)` : ''}; \`lateral alerts backtest\` explains each:`,
    table(lines),
  ];
}

/**
 * The README's first command: stack up, migrate, run the simulator through the whole pipeline, print a
 * summary from ClickHouse, then (unless `serve` is false) serve the dashboard while the simulated community
 * keeps posting. Re-running it re-produces the same items; the idempotent writes keep the counts.
 */
export async function runDemo(
  config: LateralConfig,
  options: { count: number; seed: string; serve?: boolean },
): Promise<void> {
  const t0 = Date.now();
  const logFile = resolve(config.stack.dir, '..', 'demo', 'lateral.log');
  logToFile(logFile);
  say(`lateral demo: component logs go to ${logFile}; warnings and errors show here`);
  say('lateral demo: starting the local stack (first run fetches Kafka from Maven Central)');
  const { stackUp } = await loadStack();
  for (const line of (await stackUp(config, (l) => say(`  ${l}`))).report) say(`  ${line}`);
  const migrated = await migrate(config);
  say(
    `  migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied.length} already there (database ${migrated.database})`,
  );

  const truthDir = resolve(config.stack.dir, '..', 'demo');
  mkdirSync(truthDir, { recursive: true });
  const source = SimulatorSourceConfig.parse({
    type: 'simulator',
    id: 'demo',
    seed: options.seed,
    count: options.count,
    start: demoStart(truthDir, options.seed, options.count),
    postsPerHour: demoPostsPerHour(options.count),
    malformedRate: 0.01,
    pageSize: 500,
  });
  const simOptions = simulatorOptions(source);
  const truthFile = join(truthDir, 'ground-truth.jsonl');
  await writeGroundTruth(simOptions, truthFile);
  // The simulated community's brands, unless the config names its own.
  const simulatedBrands = config.brands.length === 0;
  if (simulatedBrands) config.brands = simulatorBrandConfigs();
  config.alerts.warmupMinutes = Math.min(config.alerts.warmupMinutes, DEMO_ALERTS_WARMUP_MINUTES);
  let expectedPosts = 0;
  let malformed = 0;
  let mentionsInTruth = 0;
  for (const item of createSimulator(simOptions).items(0)) {
    if (item.truth.malformed) malformed++;
    else expectedPosts += item.truth.ownerReply ? 2 : 1;
    mentionsInTruth += truthMentions(item.truth).length;
  }
  // With brands of its own the demo cannot know how many mentions to wait for.
  const expectedMentions = simulatedBrands ? mentionsInTruth : 0;
  say(
    `  simulator: ${options.count} items (seed "${options.seed}") from ${source.start}, ${malformed} deliberately malformed; ground truth in ${truthFile}`,
  );

  const rt = await createRuntime(config);
  const processors = await startProcessors(rt);
  let alerts: Awaited<ReturnType<typeof startDemoAlerts>> | undefined;
  const cursors = new CursorStore(rt.kafka, rt.producer, config.namespace);
  await cursors.reset(source.id); // a demo run always replays the whole simulation
  const ingestStarted = Date.now();
  const run = runSources(rt, [source]);
  const startedAt = new Date(Date.now() - 1000);
  const deadSince = `SELECT uniqExact(id) FROM dead_letters WHERE at >= toDateTime('${startedAt.toISOString().slice(0, 19).replace('T', ' ')}', 'UTC')`;
  let posts = 0;
  let dead = 0;
  let lastLine = 0;
  const deadline = Date.now() + 10 * 60_000;
  try {
    await run.done;
    const ingestSeconds = (Date.now() - ingestStarted) / 1000;
    say(`  ingest: ${options.count} raw items produced to Kafka in ${ingestSeconds.toFixed(1)} s`);
    let mentions = 0;
    while (posts < expectedPosts || dead < malformed || mentions < expectedMentions) {
      if (Date.now() > deadline)
        throw new Error(
          `demo timed out: ${posts}/${expectedPosts} posts, ${mentions}/${expectedMentions} mentions, ${dead}/${malformed} dead letters`,
        );
      await new Promise((r) => setTimeout(r, 500));
      const [p] = await queryRows<{ posts: string }>(rt.clickhouse, queries.postsTotal());
      const [d] = await queryRows<Record<string, string>>(rt.clickhouse, deadSince);
      posts = Number(p?.posts ?? 0);
      dead = Number(Object.values(d ?? {})[0] ?? 0);
      const [m] = await queryRows<{ n: string }>(
        rt.clickhouse,
        'SELECT uniqExact(brand, post_id) AS n FROM mentions',
      );
      mentions = Number(m?.n ?? 0);
      if (Date.now() - lastLine > 1000) {
        lastLine = Date.now();
        say(
          `  progress: ${posts}/${expectedPosts} posts, ${mentions}/${expectedMentions} mentions, ${dead}/${malformed} dead letters in ClickHouse`,
        );
      }
    }
    const seconds = (Date.now() - ingestStarted) / 1000;
    say(
      `  pipeline: ${expectedPosts} posts, ${expectedMentions} mentions and ${malformed} dead letters in ClickHouse ${seconds.toFixed(1)} s after the first item`,
    );

    const out: string[] = ['', '== lateral demo summary (from ClickHouse) =='];
    out.push('', 'Posts by source:', table(await queryRows(rt.clickhouse, queries.postsBySource())));
    out.push('', 'Posts by kind:', table(await queryRows(rt.clickhouse, queries.postsByKind())));
    out.push('', 'Posts by language:', table(await queryRows(rt.clickhouse, queries.postsByLanguage(10))));
    const since = new Date('2000-01-01T00:00:00Z');
    out.push(
      '',
      'Mentions by brand and direction (vertical: brand_to_customer, customer_to_brand; lateral: customer_to_customer):',
      table(await queryRows(rt.clickhouse, queries.mentionsByBrandDirection())),
    );
    out.push(
      '',
      'Communication mix (thread mode):',
      table(await queryRows(rt.clickhouse, queries.modeMix(since))),
    );
    out.push(
      '',
      'Care: customers who addressed the brand, answered, median seconds to the first answer:',
      table(await queryRows(rt.clickhouse, queries.responseStats(since))),
    );
    await waitFor(() => caughtUp(rt), deadline);
    // Alerts start once the simulated history is stored: a first pass runs the rules over all of it in event
    // time (live, new minutes are evaluated every minute), and the local receiver prints what it is sent.
    alerts = await startDemoAlerts(rt, say);
    say(`  alerts: default rules; a local webhook receiver (${alerts.url}) prints each alert it gets:`);
    await alerts.firstPass;
    out.push('', ...(await alertsAgainstSpikes(rt, createSimulator(simOptions).spikes)));
    out.push(
      '',
      'Top influencers per brand (percentile of reaction-based influence in the community, with its confidence; at least 3 distinct reactors; brand accounts and flagged accounts aside):',
      table(await queryRows(rt.clickhouse, queries.topInfluencers(3))),
    );
    out.push('', 'Most trusted voices:', table(await queryRows(rt.clickhouse, queries.trustedVoices(3))));
    out.push(
      '',
      'Share of reach carried by customers rather than the brand (lateral share):',
      table(await queryRows(rt.clickhouse, queries.reachShare())),
    );
    out.push('', 'Flagged accounts:', table(await queryRows(rt.clickhouse, queries.flaggedAuthors())));
    out.push(
      '',
      'Raw and authentic volume and sentiment (flagged accounts out, trust-weighted):',
      table(await queryRows(rt.clickhouse, queries.authenticVolume(since))),
    );
    out.push(
      '',
      'Interactions (edges for influence):',
      table(await queryRows(rt.clickhouse, queries.interactionsByKind())),
    );
    out.push('', 'Dead letters by step:', table(await queryRows(rt.clickhouse, queries.deadLettersByStep())));
    out.push('', 'Pipeline status:', formatStatus(await pipelineStatus(rt)));
    out.push(
      '',
      `Done in ${((Date.now() - t0) / 1000).toFixed(1)} s. The stack keeps running: \`node bin/lateral.mjs stack down\` stops it.`,
    );
    out.push(
      `Query it yourself: clickhouse-client --port ${config.stack.clickhouseTcpPort} --user analyst -d ${config.clickhouse.database} -q "SELECT count() FROM posts FINAL"`,
    );
    process.stdout.write(`${out.join('\n')}\n`);
    if (options.serve !== false) await serveLive(rt, options);
  } finally {
    await run.stop();
    await alerts?.stop();
    await processors.stop();
    await rt.close();
  }
}
