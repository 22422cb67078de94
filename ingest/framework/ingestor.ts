import type { Producer } from 'kafkajs';
import { failpoint } from '../../core/failpoints.ts';
import { createLogger } from '../../core/logger.ts';
import { metrics, setHealth } from '../../core/metrics.ts';
import { produce, type ProduceOptions } from '../../core/kafka.ts';
import { buildDeadLetter, DeadLetterSender } from '../../core/dead-letters.ts';
import type { SourceCursor } from '../../schema/cursor.ts';
import { envelopeOf } from '../../schema/raw-envelope.ts';
import { topics } from '../../schema/topics.ts';
import type { CursorStore } from './cursor-store.ts';
import { seenKeysFor } from '../../platforms/shared/dedup.ts';
import type { Source } from '../../platforms/shared/source.ts';
import { redactText } from '../../core/redact.ts';

export interface IngestProgress {
  sourceId: string;
  produced: number;
  /** Total produced by this source over all runs (from the cursor). */
  total: number;
  cursor: string;
}

export interface IngestOptions {
  producer: Producer;
  cursors: CursorStore;
  rawTopic: string;
  /** Where rejected items go; default: the dead-letter topic of the raw topic's namespace. */
  dlqTopic?: string;
  signal?: AbortSignal;
  onPage?: (progress: IngestProgress) => void | Promise<void>;
  /** Seconds between progress log lines. */
  progressEverySeconds?: number;
  /** Items not to produce at all: those only about erased people (processors/erasure/edge.ts). */
  erased?: (item: { source: string; payload: unknown; origin?: string }) => boolean;
}

/**
 * Runs one pass of a source: resumes at its stored cursor, produces each page to the raw topic (acks=all),
 * then stores the page's cursor. A crash between the two re-produces at most one page; those duplicates have
 * the same postId and are absorbed by the idempotent ClickHouse writes.
 */
/** `<ns>.lateral.raw.v1` → `<ns>.lateral.dlq.v1`. */
function dlqTopicFor(rawTopic: string): string {
  return rawTopic.endsWith(topics.raw.name)
    ? `${rawTopic.slice(0, -topics.raw.name.length)}${topics.dlq.name}`
    : topics.dlq.name;
}

export async function ingestOnce(source: Source, options: IngestOptions): Promise<IngestProgress> {
  const log = createLogger(`ingest.${source.id}`, { source: source.type });
  const component = `ingest.${source.id}`;
  setHealth(component, 'ok');
  const stored = await options.cursors.load(source.id);
  const progress: IngestProgress = {
    sourceId: source.id,
    produced: 0,
    total: stored?.produced ?? 0,
    cursor: stored?.cursor ?? '',
  };
  const signal = options.signal ?? new AbortController().signal;
  const dlqTopic = options.dlqTopic ?? dlqTopicFor(options.rawTopic);
  const seen = source.dedupCapacity ? seenKeysFor(source.id, source.dedupCapacity) : undefined;
  // Status figures carried in the cursor, so `lateral status` (another process) can show them.
  const stats: Pick<SourceCursor, 'newestAt' | 'rejected' | 'errors' | 'lastError'> = {
    ...(stored?.newestAt ? { newestAt: stored.newestAt } : {}),
    ...(stored?.rejected ? { rejected: stored.rejected } : {}),
    ...(stored?.errors ? { errors: stored.errors } : {}),
    ...(stored?.lastError ? { lastError: stored.lastError } : {}),
  };
  // Nobody to hand a failure to: a page is retried longer than a processor's produce before the pass fails.
  const produceOptions: ProduceOptions = {
    attempts: 10,
    signal,
    onRetry: (err, attempt) => {
      metrics.ingestErrors.inc({ source: source.id });
      log.warn({ err: (err as Error).message, attempt }, 'produce failed, retrying');
    },
  };
  const deadLetters = new DeadLetterSender(options.producer, dlqTopic, produceOptions);
  log.info(
    { cursor: stored?.cursor ?? null },
    stored ? 'resuming from cursor' : 'starting from the beginning',
  );
  let lastLog = Date.now();
  const started = Date.now();
  try {
    for await (const page of source.pages(stored?.cursor, signal)) {
      let items = page.items;
      if (seen) {
        const fresh = items.filter((i) => !seen.has(i.key));
        if (fresh.length < items.length)
          metrics.ingestDuplicates.inc({ source: source.id }, items.length - fresh.length);
        items = fresh;
      }
      if (page.rejected?.length) {
        const at = new Date();
        // A bad entry still listed is fetched again each pass; its id is a content hash, so it is sent once.
        const letters = page.rejected
          .map((item) =>
            buildDeadLetter({ kind: 'rejected', item, sourceId: source.id, rawTopic: options.rawTopic, at }),
          )
          .filter((d) => !seen?.has(d.id));
        await deadLetters.send(letters);
        for (const d of letters) {
          seen?.add(d.id);
          log.warn({ reason: d.error, key: d.key }, 'item dead-lettered');
        }
        metrics.ingestRejected.inc({ source: source.id }, letters.length);
        stats.rejected = (stats.rejected ?? 0) + letters.length;
      }
      if (page.errors?.length) {
        metrics.ingestErrors.inc({ source: source.id }, page.errors.length);
        stats.errors = (stats.errors ?? 0) + page.errors.length;
        stats.lastError = redactText(page.errors[page.errors.length - 1]!).slice(0, 1000);
      }
      if (options.erased && items.length > 0) {
        const erased = items.filter((i) => options.erased!(i));
        if (erased.length > 0) {
          metrics.ingestErased.inc({ source: source.id }, erased.length);
          log.info({ items: erased.length }, 'items of erased authors not produced');
          // Never produced in this process either: the cursor moves past them with the page.
          for (const item of erased) seen?.add(item.key);
          items = items.filter((i) => !erased.includes(i));
        }
      }
      if (items.length > 0) {
        const fetchedAt = new Date().toISOString();
        const messages = items.map((item) => {
          const envelope = envelopeOf(item, source.id, fetchedAt);
          return { topic: options.rawTopic, key: item.key, value: JSON.stringify(envelope) };
        });
        await produce(options.producer, messages, produceOptions);
        failpoint('ingest.after-produce');
        if (seen) for (const item of items) seen.add(item.key);
        metrics.ingestItems.inc({ source: source.id }, items.length);
        // Compared as instants: platforms write offsets and fractions differently.
        const newest = items.reduce((max, i) => {
          const t = i.createdAt ? Date.parse(i.createdAt) : NaN;
          return Number.isNaN(t) ? max : Math.max(max, t);
        }, 0);
        if (newest > 0) {
          metrics.ingestLagSeconds.set({ source: source.id }, Math.max(0, (Date.now() - newest) / 1000));
          if (!stats.newestAt || newest > Date.parse(stats.newestAt))
            stats.newestAt = new Date(newest).toISOString();
        }
      }
      progress.produced += items.length;
      progress.total += items.length;
      progress.cursor = page.cursor;
      await options.cursors.save({
        sourceId: source.id,
        cursor: page.cursor,
        produced: progress.total,
        updatedAt: new Date().toISOString(),
        ...stats,
      });
      await options.onPage?.(progress);
      if (Date.now() - lastLog > (options.progressEverySeconds ?? 5) * 1000) {
        lastLog = Date.now();
        const rate = Math.round(progress.produced / ((Date.now() - started) / 1000));
        log.info({ produced: progress.produced, total: progress.total, perSecond: rate }, 'ingest progress');
      }
      if (signal.aborted) break;
    }
  } catch (err) {
    metrics.ingestErrors.inc({ source: source.id });
    setHealth(component, 'degraded', (err as Error).message);
    if (!signal.aborted && (progress.cursor || stored)) {
      // Best effort (Kafka may be the failure): keep the position, record the error for `lateral status`.
      await options.cursors
        .save({
          sourceId: source.id,
          cursor: progress.cursor,
          produced: progress.total,
          updatedAt: new Date().toISOString(),
          ...stats,
          errors: (stats.errors ?? 0) + 1,
          lastError: redactText((err as Error).message).slice(0, 1000),
        })
        .catch(() => undefined);
    }
    throw err;
  }
  log.info(
    { produced: progress.produced, total: progress.total, seconds: (Date.now() - started) / 1000 },
    'ingest pass done',
  );
  return progress;
}
