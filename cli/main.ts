import { Argument, Command, Option } from 'commander';
import type { Layout } from '../schema/config.ts';
import { ConfigError } from '../core/config.ts';
import { createRuntime } from '../core/runtime.ts';
import { PROCESSOR_NAMES, type ProcessorName } from '../processors/components.ts';
import { migrate } from '../schema/migrate.ts';
import { configFrom, parseSince, say, type GlobalOptions } from './context.ts';
import { isStackError, loadBench, loadStack } from './dev-modules.ts';
import { intOption, portOption } from './options.ts';
import { rebuildRollups, rescoreMentions } from '../processors/enrich/rescore.ts';
import { runDemo } from './demo.ts';
import { printPasswordHash, serveDashboard } from './dashboard.ts';
import { evalBrands, evalDirection, evalSentiment, evalSentimentUser } from './eval.ts';
import { trainFromFiles, type TrainingFormat } from '../processors/enrich/sentiment/train-file.ts';
import type { TrainPresetName } from '../processors/enrich/sentiment/train-presets.ts';
import { onShutdown, startMetrics } from '../core/service.ts';
import { runSources, startProcessors, type RunningProcessors, type SourceRun } from '../runtime/pipeline.ts';
import { formatStatus, pipelineStatus } from './status.ts';
import { careReport } from './care.ts';
import { authorReport } from './author.ts';
import { evaluatePairsFile } from '../processors/score/eval-pairs.ts';
import { registerForgetAuthor } from './forget-author.ts';
import { registerDlq } from './dlq.ts';
import { registerRetention } from './retention.ts';
import { startRetentionJob } from '../processors/retention/retention.ts';
import { settleHours, startSettleJob } from '../processors/rollups/settle.ts';
import { registerAlertCommands, runAlertsProcess } from '../processors/alerts/cli.ts';
import { startAlerts, type AlertsComponent } from '../processors/alerts/component.ts';

function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

export function buildCli(): Command {
  const program = new Command('lateral')
    .description('lateral: vertical and lateral word of mouth, on Kafka and ClickHouse')
    .option('-c, --config <file>', 'config file (YAML or JSON); default $LATERAL_CONFIG');

  const stack = program
    .command('stack')
    .description('local single-node Kafka + ClickHouse for development, demo and tests');
  stack
    .command('up')
    .description(
      'start Kafka 3.9.1 (KRaft) and ClickHouse unless running or given by KAFKA_BROKERS / CLICKHOUSE_URL',
    )
    .action(async (_o, cmd: Command) => {
      const { report } = await (await loadStack()).stackUp(configFrom(globals(cmd)), say);
      for (const line of report) say(line);
    });
  stack
    .command('down')
    .description('stop what `stack up` started')
    .action(async (_o, cmd: Command) => {
      for (const line of await (await loadStack()).stackDown(configFrom(globals(cmd)))) say(line);
    });
  stack
    .command('status')
    .description('show the local stack')
    .action(async (_o, cmd: Command) => {
      for (const line of await (await loadStack()).stackStatus(configFrom(globals(cmd)))) say(line);
    });

  program
    .command('migrate')
    .description('apply pending ClickHouse migrations (idempotent)')
    .action(async (_o, cmd: Command) => {
      const result = await migrate(configFrom(globals(cmd)));
      say(
        `database ${result.database}: applied ${result.applied.length} (${result.applied.join(', ') || '-'}), already applied ${result.alreadyApplied.length}`,
      );
      for (const name of result.changed)
        say(`warning: migration ${name} changed after it was applied; add a new numbered migration instead`);
    });

  program
    .command('ingest')
    .description('run the configured sources (one pass each; scheduled ones keep running)')
    .option('-s, --source <id...>', 'only these source ids')
    .action(async (opts: { source?: string[] }, cmd: Command) => {
      const config = configFrom(globals(cmd));
      const sources = config.sources.filter((s) => !opts.source || opts.source.includes(s.id));
      if (sources.length === 0)
        throw new ConfigError('no sources to run: add `sources:` to the config or check --source');
      const rt = await createRuntime(config);
      const closeMetrics = await startMetrics(rt);
      const run = runSources(rt, sources, (p) =>
        say(`${p.sourceId}: ${p.produced} produced this pass (${p.total} total)`),
      );
      onShutdown(async () => {
        await run.stop();
        await rt.close();
        await closeMetrics();
      });
      await run.done;
      if (sources.every((s) => !s.schedule)) {
        await rt.close();
        await closeMetrics();
        process.exit(0);
      }
      await new Promise(() => undefined); // scheduled sources run until SIGTERM
    });

  program
    .command('process')
    .description('run one processor as a consumer group member until SIGTERM')
    .addArgument(new Argument('<name>', 'processor').choices([...PROCESSOR_NAMES, 'alerts']))
    .action(async (name: ProcessorName | 'alerts', _o, cmd: Command) => {
      const rt = await createRuntime(configFrom(globals(cmd)));
      await startMetrics(rt);
      if (name === 'alerts') return runAlertsProcess(rt);
      const processors = await startProcessors(rt, [name]);
      onShutdown(async () => {
        await processors.stop();
        await rt.close();
      });
    });

  program
    .command('run')
    .description('run everything in one process: configured sources and all processors')
    .action(async (_o, cmd: Command) => {
      const config = configFrom(globals(cmd));
      const rt = await createRuntime(config);
      const running: { processors?: RunningProcessors; sources?: SourceRun; alerts?: AlertsComponent } = {};
      const retention = startRetentionJob(rt.clickhouse, config);
      const settle = startSettleJob(rt.clickhouse);
      // Registered before anything starts, so a SIGTERM during start-up still stops gracefully.
      onShutdown(async () => {
        await running.sources?.stop();
        await retention.stop();
        await settle.stop();
        await running.alerts?.stop();
        await running.processors?.stop();
        await rt.close();
      });
      await startMetrics(rt);
      const processors = await startProcessors(rt);
      running.processors = processors;
      if (config.alerts.enabled) running.alerts = await startAlerts(rt);
      running.sources = runSources(rt, config.sources);
      say(
        `running ${processors.runners.length} processors and ${config.sources.length} sources; Ctrl-C to stop`,
      );
    });

  program
    .command('status')
    .description('per component: consumer lag, rows in ClickHouse, dead letters')
    .action(async (_o, cmd: Command) => {
      const rt = await createRuntime(configFrom(globals(cmd)), { ensureTopics: true });
      try {
        process.stdout.write(`${formatStatus(await pipelineStatus(rt))}\n`);
      } finally {
        await rt.close();
      }
    });

  program
    .command('demo')
    .description(
      'start the stack, migrate, run the simulator through the pipeline, print a summary, then serve the dashboard with live data',
    )
    .option('-n, --count <n>', 'simulated items', intOption(1, 10_000_000), 5000)
    .option('--seed <seed>', 'simulator seed', 'lateral-demo')
    .option('--no-serve', 'exit after the summary instead of serving the dashboard with live data (scripts)')
    .action(async (opts: { count: number; seed: string; serve: boolean }, cmd: Command) => {
      await runDemo(configFrom(globals(cmd)), opts);
    });

  const evaluation = program.command('eval').description('accuracy on labelled data');
  registerAlertCommands(program, evaluation);
  evaluation
    .command('sentiment')
    .description('sentiment accuracy, macro-F1 and confusion matrix on a labelled corpus')
    .addOption(
      new Option('--format <format>', 'corpus format (csv, jsonl: your own labelled export)')
        .choices(['umsab', 'pattern-csv', 'csv', 'jsonl'])
        .makeOptionMandatory(),
    )
    .option('--model <model>', 'lexicon | trained | path to a trained model file', 'trained')
    .option('--split <split>', 'UMSAB split to evaluate', 'val')
    .option('--text-column <name>', 'csv/jsonl: column (or key) of the text', 'text')
    .option(
      '--label-column <name>',
      'csv/jsonl: column of the label: negative/neutral/positive (any case) or -1/0/1',
      'label',
    )
    .option('--labels <map>', 'csv/jsonl: other label names, e.g. bad=negative,ok=neutral,good=positive')
    .option('--lang-column <name>', 'csv/jsonl: column of an ISO 639-1 language (default: detected)')
    .option('--lang <code>', 'csv/jsonl: one language for every row')
    .argument('<path>', 'a corpus file or folder')
    .action(
      async (
        path: string,
        opts: {
          format: 'umsab' | 'pattern-csv' | 'csv' | 'jsonl';
          model: string;
          split: string;
          textColumn: string;
          labelColumn: string;
          labels?: string;
          langColumn?: string;
          lang?: string;
        },
        cmd: Command,
      ) => {
        if (opts.format === 'csv' || opts.format === 'jsonl') {
          const { textColumn, labelColumn, labels, langColumn, lang } = opts;
          const languages = opts.lang ? [] : configFrom(globals(cmd)).enrich.languages;
          process.stdout.write(
            `${await evalSentimentUser(
              opts.format,
              path,
              opts.model,
              {
                textColumn,
                labelColumn,
                ...(labels ? { labels } : {}),
                ...(langColumn ? { langColumn } : {}),
                ...(lang ? { lang } : {}),
              },
              languages,
            )}\n`,
          );
          return;
        }
        process.stdout.write(`${evalSentiment(opts.format, path, opts.model, opts.split)}\n`);
      },
    );

  evaluation
    .command('brands')
    .description('precision and recall of the configured brand queries against a labelled column')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'jsonl']).makeOptionMandatory())
    .option('--text-column <name>', 'column (or key) of the text', 'text')
    .option(
      '--label-column <name>',
      'column of the brand(s) each row is about (names separated by ; or |, empty for none); with --brand a yes/no column',
    )
    .option('--brand <name>', 'evaluate this one brand against a yes/no (1/0, true/false) label column')
    .option('--author-column <name>', 'column of the author handle (brand accounts match by it)')
    .argument('<path>', 'the labelled file')
    .action(
      async (
        path: string,
        opts: {
          format: 'csv' | 'jsonl';
          textColumn: string;
          labelColumn?: string;
          brand?: string;
          authorColumn?: string;
        },
        cmd: Command,
      ) => {
        const { format, ...columns } = opts;
        process.stdout.write(`${await evalBrands(configFrom(globals(cmd)), format, path, columns)}\n`);
      },
    );

  evaluation
    .command('direction')
    .description('direction (vertical/lateral) accuracy, macro-F1 and confusion matrix')
    .addOption(new Option('--format <format>', 'corpus format').choices(['twcs']).makeOptionMandatory())
    .argument('<path>', 'the corpus file')
    .action((path: string) => {
      process.stdout.write(`${evalDirection(path)}\n`);
    });

  evaluation
    .command('influence')
    .description(
      'pairwise agreement of the influence function with human judgements (aggregate features), vs follower count',
    )
    .addOption(new Option('--format <format>', 'corpus format').choices(['pairs']).makeOptionMandatory())
    .argument(
      '<path>',
      'CSV: Choice, A_follower_count … B_posts (the "Influencers in Social Networks" layout)',
    )
    .action((path: string) => {
      process.stdout.write(`${evaluatePairsFile(path)}\n`);
    });

  const sentiment = program.command('sentiment').description('sentiment models');
  sentiment
    .command('train')
    .description(
      'fit the compact sentiment classifier on labelled examples; writes a model file the pipeline loads',
    )
    .requiredOption(
      '--data <path...>',
      'labelled examples (repeat or list several to pool them): JSON Lines {text,label,lang?}, a UMSAB folder or a Pattern CSV',
    )
    .addOption(
      new Option('--format <format...>', 'format of --data: one for all, or one per --data (auto: by path)')
        .choices(['auto', 'jsonl', 'umsab', 'pattern-csv'])
        .default(['auto']),
    )
    .addOption(
      new Option('--preset <preset>', 'training settings (reviews: long texts, see the sentiment README)')
        .choices(['tweets', 'reviews'])
        .default('tweets'),
    )
    .option('--split <split>', 'UMSAB split to train on', 'train')
    .requiredOption('--out <file>', 'where to write the model (JSON)')
    .action(
      (
        opts: {
          data: string[];
          format: (TrainingFormat | 'auto')[];
          preset: TrainPresetName;
          split: string;
          out: string;
        },
        cmd: Command,
      ) => {
        if (opts.format.length !== 1 && opts.format.length !== opts.data.length)
          cmd.error(`error: give one --format for all --data, or one per --data (${opts.data.length})`);
        const sources = opts.data.map((path, i) => ({
          path,
          format: opts.format[opts.format.length === 1 ? 0 : i],
        }));
        const { modelId, examples } = trainFromFiles(sources, opts.out, {
          split: opts.split,
          preset: opts.preset,
        });
        say(`trained ${modelId} on ${examples} examples (${opts.preset} preset) → ${opts.out}`);
      },
    );

  sentiment
    .command('rescore')
    .description(
      're-score stored mentions with the current (or given) model; the pipeline writes them with a new version',
    )
    .requiredOption('--since <when>', 'ISO date/time, or an age such as 7d, 12h, 30m', parseSince)
    .option('--model <model>', 'default | lexicon | a model file (default: enrich.sentimentModel)')
    .option('--no-rebuild', 'do not wait for the pipeline and rebuild the rollups afterwards')
    .action(async (opts: { since: Date; model?: string; rebuild: boolean }, cmd: Command) => {
      const rt = await createRuntime(configFrom(globals(cmd)));
      try {
        const r = await rescoreMentions(rt, {
          since: opts.since,
          ...(opts.model ? { model: opts.model } : {}),
          rebuildRollups: opts.rebuild,
          onProgress: say,
        });
        say(
          `re-scored since ${opts.since.toISOString()}: ${r.scanned} mentions read, ${r.changed} changed (${r.viaThreads} through the threads stage, ${r.direct} re-emitted directly), model ${r.models.join(', ') || '-'}; rollup partitions rebuilt: ${r.rollupPartitions}`,
        );
      } finally {
        await rt.close();
      }
    });

  program
    .command('author')
    .description(
      "an author's influence and trust per brand, their components, flags and the interactions behind them",
    )
    .argument('<id>', 'author id, e.g. mastodon:alice@social.example or simulator:u42')
    .option('--limit <n>', 'interactions to list', intOption(1, 10_000), 20)
    .action(async (id: string, opts: { limit: number }, cmd: Command) => {
      const rt = await createRuntime(configFrom(globals(cmd)), { ensureTopics: false });
      try {
        process.stdout.write(`${await authorReport(rt, id, opts.limit)}\n`);
      } finally {
        await rt.close();
      }
    });

  program
    .command('care')
    .description('per brand: customers who addressed it, response rate, median response time, who is waiting')
    .option('--since <when>', 'ISO date/time, or an age such as 7d, 12h, 30m', parseSince, parseSince('7d'))
    .option('--brand <name>', 'list the unanswered customers of this brand')
    .option('--limit <n>', 'unanswered customers to list', intOption(1, 10_000), 20)
    .action(async (opts: { since: Date; brand?: string; limit: number }, cmd: Command) => {
      const rt = await createRuntime(configFrom(globals(cmd)), { ensureTopics: false });
      try {
        process.stdout.write(`${await careReport(rt, opts)}\n`);
      } finally {
        await rt.close();
      }
    });

  const rollups = program.command('rollups').description('dashboard rollups');
  rollups
    .command('settle')
    .description(
      'settle the hours of mentions that stopped receiving rows (plain counts for the dashboard); `lateral run` does it every minute',
    )
    .option('--schedule', 'keep settling every minute until SIGTERM')
    .action(async (opts: { schedule?: boolean }, cmd: Command) => {
      const rt = await createRuntime(configFrom(globals(cmd)), { ensureTopics: false });
      if (opts.schedule) {
        const job = startSettleJob(rt.clickhouse);
        const stopMetrics = await startMetrics(rt);
        onShutdown(async () => {
          await job.stop();
          await stopMetrics();
          await rt.close();
        });
        say('settling hours every minute; Ctrl-C to stop');
        return;
      }
      try {
        say(`settled ${await settleHours(rt.clickhouse)} hours`);
      } finally {
        await rt.close();
      }
    });
  rollups
    .command('rebuild')
    .description(
      'recompute the per-minute and per-hour rollups from mentions FINAL (after a re-score or a fix)',
    )
    .requiredOption('--since <when>', 'ISO date/time, or an age such as 7d, 12h, 30m', parseSince)
    .action(async (opts: { since: Date }, cmd: Command) => {
      const rt = await createRuntime(configFrom(globals(cmd)), { ensureTopics: false });
      try {
        const n = await rebuildRollups(rt.clickhouse, opts.since);
        say(`rebuilt the rollups since ${opts.since.toISOString()} (${n} partitions replaced)`);
      } finally {
        await rt.close();
      }
    });

  program
    .command('dashboard')
    .description("serve the brand manager's dashboard (web app and JSON API) on the ClickHouse data")
    .option('--host <host>', 'address to listen on (default dashboard.host, 127.0.0.1)')
    .option('--port <n>', 'port (default dashboard.port, 8080; 0 picks a free one)', portOption)
    .option(
      '--hash-password',
      'read a password on stdin and print its scrypt hash for dashboard.passwordHash',
    )
    .action(async (opts: { host?: string; port?: number; hashPassword?: boolean }, cmd: Command) => {
      if (opts.hashPassword) return printPasswordHash();
      await serveDashboard(configFrom(globals(cmd)), opts);
    });

  program
    .command('bench')
    .description('throughput: simulator → Kafka → normalize → ClickHouse vs the raw limits, in one run')
    .option('-n, --count <n>', 'simulated items', intOption(1, 100_000_000), 200_000)
    .addOption(
      new Option('--layout <layout>', 'measure one processor layout end to end (default: both)').choices([
        'components',
        'one-box',
      ]),
    )
    .action(async (opts: { count: number; layout?: Layout }, cmd: Command) => {
      // The benchmark lives with the tests and is loaded only when asked for (not part of the runtime).
      const { runBench } = await loadBench();
      await runBench(configFrom(globals(cmd)), {
        count: opts.count,
        ...(opts.layout ? { layouts: [opts.layout] } : {}),
      });
    });

  registerForgetAuthor(program);
  registerDlq(program);
  registerRetention(program);

  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError || isStackError(err)) {
      say(`error: ${err.message}`);
      process.exit(2);
    }
    // Open sockets and servers would keep a failed command alive: report and exit.
    say(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  }
}
