/**
 * `npm run chaos`: the full chaos suite (see harness.ts); `--ci` runs the short variant that `npm test` runs.
 * Prints the fault and data tables; exits 1 when anything was lost, duplicated, not recovered or misreported.
 */
// This process's own clients log only errors; the components' logs go to files in the run's directory.
process.env.LATERAL_LOG_LEVEL ??= 'fatal';
const { chaosFailures, CI_CHAOS, formatChaosReport, FULL_CHAOS, runChaos } = await import('./harness.ts');

const options = process.argv.includes('--ci') ? CI_CHAOS : FULL_CHAOS;
const report = await runChaos(options);
process.stdout.write(`${formatChaosReport(report)}\n`);
const failures = chaosFailures(report);
if (failures.length > 0) {
  process.stdout.write(`\nFAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('\nchaos suite passed\n');
process.exit(0);
