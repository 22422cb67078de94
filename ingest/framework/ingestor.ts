import type { Producer } from 'kafkajs';
import { failpoint } from '../../core/failpoints.ts';
import { createLogger } from '../../core/logger.ts';
import { metrics, setHealth } from '../../core/metrics.ts';
import { retry } from '../../core/retry.ts';
import type { RawEnvelope } from '../../schema/raw-envelope.ts';
import type { CursorStore } from './cursor-store.ts';
import type { Source } from './source.ts';

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
  signal?: AbortSignal;
  onPage?: (progress: IngestProgress) => void | Promise<void>;
  /** Seconds between progress log lines. */
  progressEverySeconds?: number;
}

/**
 * Runs one pass of a source: resumes at its stored cursor, produces each page to the raw topic (acks=all),
 * then stores the page's cursor. A crash between the two re-produces at most one page; those duplicates have
 * the same postId and are absorbed by the idempotent ClickHouse writes.
 */
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
  log.info(
    { cursor: stored?.cursor ?? null },
    stored ? 'resuming from cursor' : 'starting from the beginning',
  );
  let lastLog = Date.now();
  const started = Date.now();
  try {
    for await (const page of source.pages(stored?.cursor, signal)) {
      if (page.items.length > 0) {
        const fetchedAt = new Date().toISOString();
        const messages = page.items.map((item) => {
          const envelope: RawEnvelope = {
            source: item.source,
            sourceId: source.id,
            fetchedAt,
            payload: item.payload,
          };
          return { key: item.key, value: JSON.stringify(envelope) };
        });
        await retry(() => options.producer.send({ topic: options.rawTopic, acks: -1, messages }), {
          attempts: 10,
          signal,
          onRetry: (err, attempt, delay) => {
            metrics.ingestErrors.inc({ source: source.id });
            log.warn({ err: (err as Error).message, attempt, delay }, 'produce failed, retrying');
          },
        });
        failpoint('ingest.after-produce');
        metrics.ingestItems.inc({ source: source.id }, page.items.length);
        const newest = page.items.reduce(
          (max, i) => (i.createdAt && i.createdAt > max ? i.createdAt : max),
          '',
        );
        if (newest)
          metrics.ingestLagSeconds.set(
            { source: source.id },
            Math.max(0, (Date.now() - Date.parse(newest)) / 1000),
          );
      }
      progress.produced += page.items.length;
      progress.total += page.items.length;
      progress.cursor = page.cursor;
      await options.cursors.save({
        sourceId: source.id,
        cursor: page.cursor,
        produced: progress.total,
        updatedAt: new Date().toISOString(),
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
    throw err;
  }
  log.info(
    { produced: progress.produced, total: progress.total, seconds: (Date.now() - started) / 1000 },
    'ingest pass done',
  );
  return progress;
}
