import { Option, type Command } from 'commander';
import { loadConfig } from '../../core/config.ts';
import { createRuntime, type Runtime } from '../../core/runtime.ts';
import { onShutdown } from '../../core/service.ts';
import { parseSince, say } from '../../cli/context.ts';
import { backtest, formatAlert } from './backtest.ts';
import { startAlerts } from './component.ts';
import { evalNabDir, formatNab, TUNED_ON } from './nab.ts';

/** `lateral process alerts`: the alerts component alone until SIGTERM. */
export async function runAlertsProcess(rt: Runtime): Promise<void> {
  const alerts = await startAlerts(rt);
  onShutdown(async () => {
    await alerts.stop();
    await rt.close();
  });
}

/** `lateral alerts backtest` and `lateral eval alerts`. */
export function registerAlertCommands(program: Command, evaluation: Command): void {
  program
    .command('alerts')
    .description('alert rules')
    .command('backtest')
    .description('run the alert rules over stored data and print what would have fired, with explanations')
    .option('--brand <name>', 'only this brand')
    .requiredOption('--since <when>', 'ISO date/time, or an age such as 30d, 12h', parseSince)
    .option('--until <when>', 'ISO date/time, or an age (default: the newest data)', parseSince)
    .action(async (opts: { brand?: string; since: Date; until?: Date }, cmd: Command) => {
      const file = cmd.optsWithGlobals<{ config?: string }>().config;
      const rt = await createRuntime(loadConfig(file ? { file } : {}), { ensureTopics: false });
      try {
        const alerts = await backtest(rt, opts);
        for (const a of alerts) process.stdout.write(`${formatAlert(a)}\n\n`);
        say(`${alerts.length} alerts would have fired since ${opts.since.toISOString()}`);
      } finally {
        await rt.close();
      }
    });

  evaluation
    .command('alerts')
    .description(
      `the alert detector on NAB tweet-volume series: windows detected, false alarms per series-week, NAB score (tuned on ${TUNED_ON.join(', ')})`,
    )
    .addOption(new Option('--format <format>', 'corpus format').choices(['nab']).makeOptionMandatory())
    .argument('<dir>', 'folder with Twitter_volume_*.csv and a windows JSON (NAB label layout)')
    .action((dir: string) => {
      process.stdout.write(`${formatNab(evalNabDir(dir))}\n`);
    });
}
