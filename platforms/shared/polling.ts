import { createLogger } from '../../core/logger.ts';
import { HttpError } from './http/client.ts';
import type { RejectedItem } from './rejects.ts';
import { backfillStartMs } from './backfill.ts';
import type { Source, SourceItem, SourcePage } from './source.ts';

/**
 * Polling newest-first listings (Mastodon timelines, Reddit listings, Algolia search_by_date, Stack Exchange):
 * each query walks back from the newest item to its high-water mark (or, on the first run, the backfill
 * horizon), then the new items are produced oldest first, a page at a time, with the mark moved after each
 * page. A restart resumes at the last acknowledged page: no gap, no repeat.
 */

/** Creation time (ms) of the newest produced item, and the ids produced at exactly that time (ties). */
export interface Watermark {
  t: number;
  ids: string[];
  /** Native id of the newest item (for APIs that accept `since_id`). */
  lastId?: string;
}

export function isNewer(mark: Watermark, time: number, id: string): boolean {
  return time > mark.t || (time === mark.t && !mark.ids.includes(id));
}

/** The mark after producing `items` (any order). */
export function advance(mark: Watermark, items: { time: number; id: string }[]): Watermark {
  let next = mark;
  for (const { time, id } of items) {
    if (time > next.t) next = { t: time, ids: [id], lastId: id };
    else if (time === next.t && !next.ids.includes(id))
      next = { ...next, ids: [...next.ids, id], lastId: id };
  }
  return next;
}

/** A platform response that is not what its documentation says: dead-lettered, the query skipped this pass. */
export class MalformedResponseError extends Error {
  override name = 'MalformedResponseError';
  constructor(
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export interface ListingPage<T> {
  /** Well-formed items, newest first. */
  items: T[];
  /** Items that failed validation. */
  rejected?: RejectedItem[];
  /** Token for the next (older) page; absent at the end. */
  next?: string | undefined;
}

export interface PolledQuery<T> {
  /** Stable name of the query in the cursor (`tag:kettlebrew`, `r/coffee/new`). */
  key: string;
  fetchPage(
    token: string | undefined,
    since: Watermark | undefined,
    signal: AbortSignal,
  ): Promise<ListingPage<T>>;
  idOf(item: T): string;
  /** Creation time in ms (the order of the listing). */
  timeOf(item: T): number;
  toItem(item: T): SourceItem;
  /** Related items fetched once a page of new items is known (comments, answers); `since` is the mark before the page. */
  expand?(
    items: T[],
    since: Watermark,
    signal: AbortSignal,
  ): Promise<{ items: SourceItem[]; rejected?: RejectedItem[] }>;
}

export interface PollOptions {
  sourceId: string;
  /** The source cursor: JSON `{ [query key]: Watermark }`. */
  cursor: string | undefined;
  /** First-run horizon (ms since epoch). */
  backfillStartMs: number;
  /** Items per produced page. */
  pageSize: number;
  /** Most new items buffered per query and pass. */
  maxItemsPerPass: number;
  signal: AbortSignal;
}

export function parseWatermarks(cursor: string | undefined): Record<string, Watermark> {
  if (!cursor) return {};
  try {
    const parsed = JSON.parse(cursor) as Record<string, Watermark>;
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** Words for an error that made a query give up this pass. */
export function describeFailure(query: string, err: unknown): string {
  if (err instanceof HttpError) return `${query}: HTTP ${err.status} from ${err.url}`;
  return `${query}: ${(err as Error).message ?? String(err)}`;
}

/** Walks one query back to its mark; returns the new items oldest first. */
export async function collectNew<T>(
  query: PolledQuery<T>,
  since: Watermark,
  maxItems: number,
  signal: AbortSignal,
): Promise<{ items: T[]; rejected: RejectedItem[]; truncated: boolean }> {
  const found = new Map<string, T>();
  const rejected: RejectedItem[] = [];
  let token: string | undefined;
  let truncated = false;
  const seenTokens = new Set<string>();
  for (;;) {
    const page = await query.fetchPage(token, since.t > 0 ? since : undefined, signal);
    rejected.push(...(page.rejected ?? []));
    let reachedMark = false;
    for (const item of page.items) {
      const time = query.timeOf(item);
      const id = query.idOf(item);
      if (time < since.t) reachedMark = true;
      if (isNewer(since, time, id) && !found.has(id)) found.set(id, item);
    }
    if (found.size >= maxItems) truncated = true;
    if (truncated || reachedMark || page.items.length === 0 || !page.next || signal.aborted) break;
    if (seenTokens.has(page.next)) break; // a platform repeating its own next link would loop forever
    seenTokens.add(page.next);
    token = page.next;
  }
  const items = [...found.values()].sort(
    (a, b) => query.timeOf(a) - query.timeOf(b) || query.idOf(a).localeCompare(query.idOf(b)),
  );
  // Beyond the bound the oldest are dropped: the newest are what listening needs now.
  return { items: truncated ? items.slice(-maxItems) : items, rejected, truncated };
}

/**
 * Runs every query in turn and yields SourcePages. A query that fails (HTTP error after retries, a response
 * of the wrong shape) is reported and skipped until the next pass; the others go on.
 */
export async function* pollQueries(
  queries: PolledQuery<unknown>[],
  options: PollOptions,
): AsyncIterable<SourcePage> {
  const log = createLogger(`ingest.${options.sourceId}`);
  const marks = parseWatermarks(options.cursor);
  for (const query of queries) {
    if (options.signal.aborted) return;
    const since = marks[query.key] ?? { t: options.backfillStartMs, ids: [] };
    let collected: Awaited<ReturnType<typeof collectNew<unknown>>>;
    try {
      collected = await collectNew(query, since, options.maxItemsPerPass, options.signal);
    } catch (err) {
      if (options.signal.aborted) return;
      const reason = describeFailure(query.key, err);
      log.warn({ query: query.key, err: reason }, 'query failed, skipped until the next pass');
      yield {
        items: [],
        cursor: JSON.stringify(marks),
        errors: [reason],
        ...(err instanceof MalformedResponseError
          ? { rejected: [{ reason: `${query.key}: ${err.message}`, payload: err.body }] }
          : {}),
      };
      continue;
    }
    if (collected.truncated)
      log.warn(
        { query: query.key, kept: collected.items.length },
        'more new items than maxItemsPerPass: the oldest were skipped',
      );
    let rejected = collected.rejected;
    if (collected.items.length === 0 && rejected.length > 0)
      yield { items: [], cursor: JSON.stringify(marks), rejected };
    for (let i = 0; i < collected.items.length; i += options.pageSize) {
      const chunk = collected.items.slice(i, i + options.pageSize);
      const before = marks[query.key] ?? since;
      const items = chunk.map((item) => query.toItem(item));
      const errors: string[] = [];
      if (query.expand) {
        try {
          const extra = await query.expand(chunk, before, options.signal);
          items.push(...extra.items);
          rejected = [...rejected, ...(extra.rejected ?? [])];
        } catch (err) {
          // The page itself is still produced; its related items come when they are next seen.
          if (options.signal.aborted) return;
          errors.push(describeFailure(`${query.key} (related items)`, err));
        }
      }
      marks[query.key] = advance(
        before,
        chunk.map((item) => ({ time: query.timeOf(item), id: query.idOf(item) })),
      );
      yield {
        items,
        cursor: JSON.stringify(marks),
        ...(rejected.length ? { rejected } : {}),
        ...(errors.length ? { errors } : {}),
      };
      rejected = [];
    }
  }
}

/** The settings every configured polling source has (`HttpSourceBase` in schema/config.ts, plus its page size). */
export interface PolledSourceConfig {
  id: string;
  backfill: string;
  pageSize: number;
  maxItemsPerPass: number;
  dedupCapacity: number;
}

/** One pass of a configured source over its queries: from its cursor, or its backfill horizon on a first run. */
export function pollSource(
  queries: PolledQuery<unknown>[],
  config: PolledSourceConfig,
  cursor: string | undefined,
  signal: AbortSignal,
  now: () => number = Date.now,
): AsyncIterable<SourcePage> {
  return pollQueries(queries, {
    sourceId: config.id,
    cursor,
    backfillStartMs: backfillStartMs(config.backfill, now()),
    pageSize: config.pageSize,
    maxItemsPerPass: config.maxItemsPerPass,
    signal,
  });
}

/** A source that is nothing but its polled queries (every connector except those that also stream). */
export function pollingSource(
  type: string,
  config: PolledSourceConfig,
  queries: PolledQuery<unknown>[],
  now?: () => number,
): Source {
  return {
    id: config.id,
    type,
    dedupCapacity: config.dedupCapacity,
    pages: (cursor, signal) => pollSource(queries, config, cursor, signal, now),
  };
}
