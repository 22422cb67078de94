/**
 * `npm run fuzz [-- --cases 100000 --seed lateral --from 0]`: the fuzzer at full size, with a report of the
 * outcomes and every failure grouped by shape. Exit code 1 when any case failed.
 */
import { parseArgs } from 'node:util';
import { createFuzzer, summarizeFailures } from './harness.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    seed: { type: 'string', default: 'lateral' },
    from: { type: 'string', default: '0' },
  },
});
const cases = Number(values.cases);
const from = Number(values.from);
if (!Number.isSafeInteger(cases) || cases < 1 || !Number.isSafeInteger(from) || from < 0) {
  console.error('--cases must be a positive integer and --from a non-negative integer');
  process.exit(2);
}

const fuzzer = await createFuzzer();
const t0 = Date.now();
const stats = await fuzzer.run(values.seed, cases, from);
const seconds = (Date.now() - t0) / 1000;
console.log(
  `fuzz seed=${values.seed} cases=${stats.cases} (${from}..${from + cases - 1}) in ${seconds.toFixed(1)} s: ` +
    `ok ${stats.ok}, dead-lettered ${stats.dlq}, posts ${stats.posts}, enriched ${stats.enriched}, ` +
    `mentions ${stats.mentions}; slowest case ${stats.slowest?.index} ${stats.slowestMs.toFixed(1)} ms ` +
    `[${stats.slowest?.mutations.join(',') ?? ''}]`,
);
const top = Object.entries(stats.dlqByStep)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 15);
console.log('most frequent dead-letter reasons:');
for (const [reason, n] of top) console.log(`  ${String(n).padStart(6)}  ${reason}`);
if (stats.failures.length > 0) {
  console.log(`\n${stats.failures.length} FAILURES:\n${summarizeFailures(stats.failures)}`);
  process.exit(1);
}
console.log('no failures');
