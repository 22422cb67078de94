import { simulatorBrandConfigs } from '../../platforms/simulator/brands.ts';
import { createEnrichChain } from '../../processors/enrich/processors/enrich-processor.ts';
import { analyzerFromConfig } from '../../processors/enrich/pipeline/analyzer-from-config.ts';
import type { Analyzer } from '../../processors/enrich/pipeline/analyze.ts';
import { ThreadsEngine } from '../../processors/enrich/threads/engine.ts';
import type { MessageOrigin } from '../../processors/framework/dead-letters.ts';
import type { ChainResult } from '../../processors/framework/step.ts';
import { createNormalizeChain } from '../../processors/normalize/steps.ts';
import { interactionRow, mentionRow, postRow } from '../../processors/sink/rows.ts';
import { LateralConfig, type BrandConfig } from '../../schema/config.ts';
import { EnrichedPost } from '../../schema/enriched.ts';
import { Interaction, Mention } from '../../schema/mention.ts';
import { Post } from '../../schema/post.ts';
import { rowMisfits, tableColumns } from './columns.ts';
import { fuzzCase, type FuzzCase } from './mutate.ts';
import { seedEnvelopes } from './seeds.ts';

/**
 * Longest a case may take through normalize and enrich (a message must never stall a partition). Measured as
 * this process's CPU time, so other work on a busy machine does not count against a case.
 */
export const CASE_BUDGET_MS = 50;

/** The simulated brands plus brands whose terms the connector fixtures use, so most posts get enriched. */
export const FUZZ_BRANDS: BrandConfig[] = [
  ...simulatorBrandConfigs(),
  {
    name: 'kettlebrew',
    query: 'kettlebrew OR k2 OR @kettlebrew OR #kettlebrew OR "coffee machine" OR acme OR descal*',
    exclude: 'recipe',
    accounts: { mastodon: ['kettlebrew@brand.example'], appstore: ['id:1'] },
  } as BrandConfig,
  { name: 'common', query: 'the OR de OR het OR der OR und OR le OR el OR is OR a', accounts: {} },
];

export interface Failure {
  index: number;
  seedSource: string;
  mutations: string[];
  /** `throw`, `slow`, `schema`, `column`, `no-reason`, `retry`. */
  kind: string;
  detail: string;
}

export interface FuzzStats {
  cases: number;
  /** Cases whose every post reached enrich (or was dropped as about no brand). */
  ok: number;
  dlq: number;
  posts: number;
  enriched: number;
  mentions: number;
  /** Dead-letter reasons by step (first 60 characters of the reason, so shapes group together). */
  dlqByStep: Record<string, number>;
  slowestMs: number;
  slowest?: { index: number; ms: number; mutations: string[] };
  failures: Failure[];
}

export interface Fuzzer {
  run(seed: string, cases: number, from?: number): Promise<FuzzStats>;
  /** One case, for reproducing a failure: `fuzzer.case(seed, index)`. */
  case(seed: string, index: number): FuzzCase;
}

const origin = (value: Buffer, topic: string, offset: number): MessageOrigin => ({
  topic,
  partition: 0,
  offset: String(offset),
  key: null,
  value,
});

/**
 * The normalize and enrich chains exactly as their processors run them, in-process (no Kafka), and the
 * checks every case must pass: it ends ok or in the DLQ with a reason, nothing throws, nothing takes longer
 * than CASE_BUDGET_MS, every ok record passes its schema and fits its ClickHouse columns.
 */
export async function createFuzzer(brands: BrandConfig[] = FUZZ_BRANDS): Promise<Fuzzer> {
  const config = LateralConfig.parse({ brands });
  const analyzer: Analyzer = await analyzerFromConfig(config);
  const normalize = createNormalizeChain();
  const enrich = createEnrichChain(Promise.resolve(analyzer));
  const columns = tableColumns();
  const seeds = seedEnvelopes();
  const engine = new ThreadsEngine(config.brands, { horizonMs: 14 * 86_400_000, maxPosts: 20_000 });

  /** Normalize then enrich every post; the time and the results, without any checking. */
  async function runChains(c: FuzzCase) {
    const t0 = process.cpuUsage();
    const normalized = await normalize.run(origin(c.value, 'lateral.raw.v1', c.index));
    const enriched: { post: Post; result: ChainResult<EnrichedPost[]> }[] = [];
    if (normalized.kind === 'ok') {
      for (const post of normalized.value) {
        const value = Buffer.from(JSON.stringify(post), 'utf8');
        enriched.push({ post, result: await enrich.run(origin(value, 'lateral.posts.v1', c.index)) });
      }
    }
    const used = process.cpuUsage(t0);
    return { ms: (used.user + used.system) / 1000, normalized, enriched };
  }

  /** The checks of one non-ok result: a reason, and no exception behind it. */
  function checkNotOk(result: ChainResult<unknown>, fail: (kind: string, detail: string) => void) {
    if (result.kind === 'ok') return;
    if (result.kind === 'retry') fail('retry', `${result.step}: ${result.reason}`);
    if (!result.reason || result.reason.trim() === '') fail('no-reason', `${result.step} gave no reason`);
    if (result.reason.startsWith('unexpected error')) fail('throw', `${result.step}: ${result.reason}`);
  }

  async function runOne(c: FuzzCase, stats: FuzzStats): Promise<void> {
    const failures: Failure[] = [];
    const fail = (kind: string, detail: string) =>
      failures.push({ index: c.index, seedSource: c.seedSource, mutations: c.mutations, kind, detail });

    let out = await runChains(c);
    if (out.ms > CASE_BUDGET_MS) {
      // A GC pause or a busy machine can stretch one run: only a case slow twice in a row counts.
      const again = await runChains(c);
      if (again.ms > CASE_BUDGET_MS) fail('slow', `${Math.round(Math.min(out.ms, again.ms))} ms`);
      out = again.ms < out.ms ? again : out;
    }
    if (out.ms > stats.slowestMs) {
      stats.slowestMs = out.ms;
      stats.slowest = { index: c.index, ms: Math.round(out.ms * 10) / 10, mutations: c.mutations };
    }

    const { normalized } = out;
    let dead = false;
    const countDlq = (r: ChainResult<unknown>) => {
      if (r.kind !== 'dlq') return;
      dead = true;
      const key = `${r.step}: ${r.reason.slice(0, 60)}`;
      stats.dlqByStep[key] = (stats.dlqByStep[key] ?? 0) + 1;
    };
    checkNotOk(normalized, fail);
    countDlq(normalized);
    for (const { post, result } of out.enriched) {
      stats.posts++;
      const p = Post.safeParse(post);
      if (!p.success) fail('schema', `post ${post.postId}: ${p.error.message.slice(0, 300)}`);
      const misfits = rowMisfits(columns.get('posts')!, postRow(post));
      if (misfits.length > 0) fail('column', `posts: ${misfits.join('; ').slice(0, 300)}`);
      checkNotOk(result, fail);
      countDlq(result);
      if (result.kind !== 'ok') continue;
      for (const e of result.value) {
        stats.enriched++;
        const parsed = EnrichedPost.safeParse(e);
        if (!parsed.success) {
          fail('schema', `enriched ${e.brand}: ${parsed.error.message.slice(0, 300)}`);
          continue;
        }
        const { mentions, interactions } = engine.apply(parsed.data);
        for (const m of mentions) {
          stats.mentions++;
          const mp = Mention.safeParse(m);
          if (!mp.success) fail('schema', `mention: ${mp.error.message.slice(0, 300)}`);
          const bad = rowMisfits(columns.get('mentions')!, mentionRow(m));
          if (bad.length > 0) fail('column', `mentions: ${bad.join('; ').slice(0, 300)}`);
        }
        for (const i of interactions) {
          const ip = Interaction.safeParse(i);
          if (!ip.success) fail('schema', `interaction: ${ip.error.message.slice(0, 300)}`);
          const bad = rowMisfits(columns.get('interactions')!, interactionRow(i));
          if (bad.length > 0) fail('column', `interactions: ${bad.join('; ').slice(0, 300)}`);
        }
      }
    }
    if (dead) stats.dlq++;
    else stats.ok++;
    stats.failures.push(...failures);
  }

  return {
    case: (seed, index) => fuzzCase(seed, index, seeds),
    async run(seed, cases, from = 0) {
      const stats: FuzzStats = {
        cases: 0,
        ok: 0,
        dlq: 0,
        posts: 0,
        enriched: 0,
        mentions: 0,
        dlqByStep: {},
        slowestMs: 0,
        failures: [],
      };
      // Warm up: the first pass through each path compiles it, which is not the steady-state cost.
      for (let i = 0; i < seeds.length * 3; i++) await runChains(fuzzCase(`${seed}-warmup`, i, seeds));
      for (let i = from; i < from + cases; i++) {
        const c = fuzzCase(seed, i, seeds);
        try {
          await runOne(c, stats);
        } catch (err) {
          // The checks themselves (row mapping, thread engine) must not throw on what the chains let through.
          stats.failures.push({
            index: i,
            seedSource: c.seedSource,
            mutations: c.mutations,
            kind: 'throw',
            detail:
              `after the chains: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`.slice(
                0,
                600,
              ),
          });
        }
        stats.cases++;
      }
      return stats;
    },
  };
}

/** Failures grouped by kind and detail shape, for a readable report. */
export function summarizeFailures(failures: readonly Failure[], examples = 3): string {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    const key = `${f.kind} ${f.seedSource}: ${f.detail.replace(/\d+/g, 'N').slice(0, 120)}`;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(
      ([key, list]) =>
        `${list.length}× ${key}\n` +
        list
          .slice(0, examples)
          .map((f) => `    case ${f.index} [${f.mutations.join(',')}]: ${f.detail.slice(0, 300)}`)
          .join('\n'),
    )
    .join('\n');
}
