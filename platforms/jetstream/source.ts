import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../../core/logger.ts';
import { metrics } from '../../core/metrics.ts';
import { backoffDelay } from '../../core/retry.ts';
import type { JetstreamSourceConfig } from './config.ts';
import { backfillStartMs } from '../shared/backfill.ts';
import type { RejectedItem } from '../shared/rejects.ts';
import type { Source, SourceItem, SourcePage } from '../shared/source.ts';
import { DEFAULT_USER_AGENT } from '../shared/http/client.ts';
import { openStream, type ConnectOptions } from './connection.ts';
import { classifyMessage, keywordFilter } from './events.ts';

/**
 * Position in the firehose: the newest `time_us` handled, plus what was produced in the last rewind window.
 * A (re)connect starts `rewindSeconds` before `timeUs` (time cursors are not exact across a disconnect or
 * another Jetstream instance); whatever the replay repeats is found in `recent` and skipped.
 */
export interface JetstreamCursor {
  timeUs: number;
  recent: { id: string; timeUs: number }[];
}

/** Cursor text stays well inside the cursor topic's 64 KiB limit. */
const MAX_CURSOR_CHARS = 60_000;

export function readCursor(cursor: string | undefined): JetstreamCursor | undefined {
  if (!cursor) return undefined;
  const parsed = JSON.parse(cursor) as Partial<JetstreamCursor>;
  if (typeof parsed.timeUs !== 'number') return undefined;
  return { timeUs: parsed.timeUs, recent: Array.isArray(parsed.recent) ? parsed.recent : [] };
}

export function subscribeUrl(config: JetstreamSourceConfig, fromUs: number | undefined): string {
  const url = new URL(config.url);
  for (const c of config.collections) url.searchParams.append('wantedCollections', c);
  for (const d of config.dids ?? []) url.searchParams.append('wantedDids', d);
  if (fromUs !== undefined) url.searchParams.set('cursor', String(Math.max(0, Math.floor(fromUs))));
  return url.toString();
}

export interface JetstreamOptions extends ConnectOptions {
  /** Reconnect backoff (full jitter); defaults suit the public instances. */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
}

/**
 * Bluesky's Jetstream firehose as a never-ending source: each page is what arrived within `flushMs` (or
 * `pageSize` items), and its cursor is stored once Kafka acknowledged it. Reconnects forever with backoff.
 */
export function createJetstreamSource(config: JetstreamSourceConfig, options: JetstreamOptions = {}): Source {
  const log = createLogger(`ingest.${config.id}`, { source: 'jetstream' });
  const matches = keywordFilter(config.keywords);
  const rewindUs = config.rewindSeconds * 1_000_000;
  return {
    id: config.id,
    type: 'jetstream',
    async *pages(cursor, signal): AsyncIterable<SourcePage> {
      const start = readCursor(cursor);
      let timeUs: number | undefined =
        start?.timeUs ?? (config.backfill ? backfillStartMs(config.backfill) * 1000 + rewindUs : undefined);
      // Produced ids of the rewind window: the dedup set, and what the cursor carries over a restart.
      const recent = new Map<string, number>((start?.recent ?? []).map((r) => [r.id, r.timeUs]));
      let items: SourceItem[] = [];
      let rejected: RejectedItem[] = [];
      let moved = false;
      let lastFlush = Date.now();
      let failures = 0;

      const page = (): SourcePage => {
        const newest = timeUs ?? 0;
        for (const [id, t] of recent) if (t < newest - rewindUs - 1_000_000) recent.delete(id);
        let list = [...recent].map(([id, t]) => ({ id, timeUs: t }));
        // A firehose without keywords can exceed the cursor limit in one window: keep the newest.
        while (list.length > 0 && JSON.stringify(list).length > MAX_CURSOR_CHARS)
          list = list.slice(Math.ceil(list.length / 10));
        const out: SourcePage = {
          items,
          cursor: JSON.stringify({ timeUs: newest, recent: list }),
          ...(rejected.length > 0 ? { rejected } : {}),
        };
        items = [];
        rejected = [];
        moved = false;
        lastFlush = Date.now();
        return out;
      };

      while (!signal.aborted) {
        const from = timeUs === undefined ? undefined : timeUs - rewindUs;
        const url = subscribeUrl(config, from);
        log.info({ url, fromUs: from ?? null }, 'connecting to jetstream');
        const stream = openStream(url, { userAgent: DEFAULT_USER_AGENT, ...options });
        let reason = 'aborted';
        try {
          while (!signal.aborted) {
            const wait = Math.max(1, config.flushMs - (Date.now() - lastFlush));
            const next = await stream.next(Math.min(wait, 1000));
            if (next.type === 'closed') {
              reason = next.reason;
              break;
            }
            if (next.type === 'message') {
              failures = 0;
              const m = classifyMessage(next.data, matches);
              if (m.timeUs !== undefined && (timeUs === undefined || m.timeUs > timeUs)) {
                timeUs = m.timeUs;
                moved = true;
              }
              if (m.kind === 'post') {
                const commit = m.event.commit as { rev?: unknown; cid?: unknown };
                // Key plus revision: an edit (update) of a post is new, its replay is not.
                const id = `${m.key} ${String(commit.rev ?? commit.cid ?? '')}`;
                if (recent.has(id)) {
                  metrics.ingestDuplicates.inc({ source: config.id });
                } else {
                  recent.set(id, m.timeUs);
                  items.push({
                    key: m.key,
                    source: 'jetstream',
                    payload: m.event,
                    ...(m.createdAt ? { createdAt: m.createdAt } : {}),
                  });
                }
              } else if (m.kind === 'malformed') {
                // Dead-lettered with the reason by the ingestor; the stream goes on.
                rejected.push({ reason: `jetstream message ${m.reason}`, payload: m.raw });
              }
            }
            const due = Date.now() - lastFlush >= config.flushMs;
            const pending = items.length + rejected.length;
            if (pending >= config.pageSize || (due && (pending > 0 || moved))) yield page();
          }
        } finally {
          stream.close();
        }
        if (signal.aborted) break;
        failures++;
        metrics.ingestErrors.inc({ source: config.id });
        const delay = Math.max(
          250,
          backoffDelay(failures - 1, {
            initialMs: options.reconnectInitialMs ?? 1000,
            maxMs: options.reconnectMaxMs ?? 60_000,
          }),
        );
        log.warn({ reason, attempt: failures, delayMs: delay }, 'jetstream disconnected, reconnecting');
        await sleep(delay, undefined, { signal }).catch(() => undefined);
      }
      // Stopping: hand over what was read, so the cursor covers it.
      if (items.length > 0 || rejected.length > 0 || moved) yield page();
    },
  };
}
