import cron, { type ScheduledTask } from 'node-cron';
import { createLogger } from '../core/logger.ts';
import type { Runtime } from '../core/runtime.ts';
import { CursorStore } from '../ingest/framework/cursor-store.ts';
import { ingestOnce, type IngestProgress } from '../ingest/framework/ingestor.ts';
import { createSource } from '../ingest/sources.ts';
import { serveWebhook } from '../ingest/webhook/server.ts';
import { createProcessor, LAYOUTS, processorsToRun, type ProcessorName } from '../processors/components.ts';
import { setHealth } from '../core/metrics.ts';
import { createEdgeErasureCheck } from '../processors/erasure/edge.ts';
import { acquireErasures, erasuresOf, releaseErasures } from '../processors/erasure/steps.ts';
import type { ProcessorRunner } from '../processors/framework/runner.ts';
import type { SourceConfig } from '../schema/config.ts';
import { topicName } from '../schema/topics.ts';

/**
 * The pipeline's runtime (docs/architecture.md §9): the processors of a layout and the configured sources,
 * started and stopped. `lateral run`, `lateral process`, `lateral ingest`, the demo and the tests start them from
 * here; cli/ only parses arguments. It composes both sides (ingest/ and processors/, which never import each
 * other), so it lives beside them.
 */

const log = createLogger('pipeline');

export interface RunningProcessors {
  runners: ProcessorRunner<unknown>[];
  stop(): Promise<void>;
}

export async function startProcessors(
  rt: Runtime,
  names: ProcessorName[] = LAYOUTS[rt.config.layout],
): Promise<RunningProcessors> {
  const toRun = processorsToRun(rt.config, names);
  for (const name of names.filter((n) => !toRun.includes(n))) {
    // Its Deployment or compose service still runs: healthy, and saying why it reads nothing.
    setHealth(name, 'ok', 'idle: nothing in the configuration for it');
    log.info({ processor: name }, 'nothing in the configuration for it: not started');
  }
  const runners = toRun.map((name) => createProcessor(rt, name));
  await Promise.all(runners.map((r) => r.start()));
  return {
    runners,
    async stop() {
      await Promise.all(runners.map((r) => r.stop()));
    },
  };
}

export interface SourceRun {
  /** Resolves when every unscheduled source finished its pass. */
  done: Promise<IngestProgress[]>;
  stop(): Promise<void>;
}

/**
 * Runs the configured sources: a source with a `schedule` runs a pass on every cron tick (never two passes of
 * one source at once); a source without one runs a single pass (backfill, demo), which for a stream
 * (jetstream) or a webhook lasts until stop().
 */
export function runSources(
  rt: Runtime,
  sources: SourceConfig[],
  onPage?: (p: IngestProgress) => void,
): SourceRun {
  const abort = new AbortController();
  const cursors = new CursorStore(rt.kafka, rt.producer, rt.config.namespace);
  const rawTopic = topicName('raw', rt.config.namespace);
  const tasks: ScheduledTask[] = [];
  const running = new Set<Promise<unknown>>();
  // Items only about erased people are not produced at all (the erasure list is loaded before any pass).
  const erasures = acquireErasures(rt);
  void erasures.catch(() => undefined); // reported by every pass that awaits it
  const erased = createEdgeErasureCheck(erasuresOf(rt));
  const pass = (config: SourceConfig) => {
    // A webhook is pushed to, not paged: it listens until stop() (no cursor, no schedule).
    const work = erasures.then(() =>
      config.type === 'webhook'
        ? serveWebhook(config, { producer: rt.producer, rawTopic, signal: abort.signal, erased })
        : ingestOnce(createSource(config), {
            producer: rt.producer,
            cursors,
            rawTopic,
            signal: abort.signal,
            erased,
            ...(onPage ? { onPage } : {}),
          }),
    );
    running.add(work);
    void work.catch(() => undefined).finally(() => running.delete(work));
    return work;
  };
  const once: Promise<IngestProgress>[] = [];
  for (const config of sources.filter((s) => s.enabled)) {
    if (config.schedule) {
      let busy = false;
      tasks.push(
        cron.schedule(config.schedule, () => {
          if (busy) return;
          busy = true;
          pass(config)
            .catch((err: unknown) => log.error({ err, source: config.id }, 'source pass failed'))
            .finally(() => (busy = false));
        }),
      );
    } else {
      once.push(pass(config));
    }
  }
  return {
    done: Promise.all(once),
    async stop() {
      abort.abort();
      for (const t of tasks) await t.stop();
      await Promise.allSettled([...running]);
      if (await erasures.then(() => true).catch(() => false)) await releaseErasures(rt);
    },
  };
}
