import { simulatorBrandConfigs } from '../../platforms/simulator/brands.ts';
import { ANALYSIS_STEPS, type AnalysisStep } from '../../processors/enrich/pipeline/analyze.ts';
import { analyzerFromConfig } from '../../processors/enrich/pipeline/analyzer-from-config.ts';
import { ThreadsEngine } from '../../processors/enrich/threads/engine.ts';
import { LateralConfig } from '../../schema/config.ts';
import type { EnrichedPost } from '../../schema/enriched.ts';
import { simulatorPosts } from './simulator-posts.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Enrichment cost per post on one core (no Kafka): every analysis step timed on its own, then the threads
 * stage (thread linking, direction, mode, re-emissions, interaction edges). Prints, never asserts.
 */
export async function runEnrichBench(count: number): Promise<void> {
  const config = LateralConfig.parse({ brands: simulatorBrandConfigs() });
  const posts = simulatorPosts('bench-enrich', count);
  const timings = Object.fromEntries(ANALYSIS_STEPS.map((s) => [s, 0n])) as Record<AnalysisStep, bigint>;
  const analyzer = await analyzerFromConfig(config, timings);
  // Warm-up (JIT, lazy lexicon compilation) outside the timed run.
  for (const p of posts.slice(0, 500)) analyzer.analyze(p);
  for (const s of ANALYSIS_STEPS) timings[s] = 0n;

  const enriched: EnrichedPost[] = [];
  let t0 = process.hrtime.bigint();
  for (const p of posts) for (const e of analyzer.analyze(p)) enriched.push(e);
  const analyzeNs = Number(process.hrtime.bigint() - t0);

  const engine = new ThreadsEngine(config.brands, { horizonMs: 14 * 86_400_000, maxPosts: 1_000_000 });
  let emitted = 0;
  t0 = process.hrtime.bigint();
  for (const e of enriched) emitted += engine.apply(e).mentions.length;
  const threadsNs = Number(process.hrtime.bigint() - t0);

  const perSecond = (n: number, ns: number) => Math.round(n / (ns / 1e9)).toLocaleString('en');
  const totalNs = analyzeNs + threadsNs;
  say(
    `enrichment (one core, in-process, ${posts.length} simulator posts, ${enriched.length} post × brand mentions): ${perSecond(posts.length, totalNs)} posts/s per core`,
  );
  const rows: [string, number][] = [
    ...ANALYSIS_STEPS.map((s): [string, number] => [s, Number(timings[s])]),
    [
      'other (explain terms, build records)',
      analyzeNs - ANALYSIS_STEPS.reduce((n, s) => n + Number(timings[s]), 0),
    ],
    ['threads (link, direction, mode, edges)', threadsNs],
  ];
  for (const [name, ns] of rows) {
    say(
      `  ${name.padEnd(40)} ${(ns / 1e6).toFixed(0).padStart(7)} ms  ${(ns / posts.length / 1000).toFixed(1).padStart(6)} µs/post  ${((100 * ns) / totalNs).toFixed(1).padStart(5)}%`,
    );
  }
  say(
    `  threads stage emitted ${emitted} mentions (${emitted - enriched.length} re-emissions after thread changes)`,
  );
}
