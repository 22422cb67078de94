import { parseFeed } from '@rowanmanning/feed-parser';
import { createLogger } from '../../core/logger.ts';
import type { RssSourceConfig } from './config.ts';
import { backfillStartMs } from '../shared/backfill.ts';
import { describeFailure } from '../shared/polling.ts';
import type { RejectedItem } from '../shared/rejects.ts';
import type { Source, SourceItem, SourcePage } from '../shared/source.ts';
import type { HttpClient } from '../shared/http/client.ts';
import { sharedHttpClient } from '../shared/http/shared.ts';
import { rssKey } from './keys.ts';

/** Per feed: the validators of the last full read, and the ids of the newest entries already produced. */
interface FeedState {
  etag?: string;
  lastModified?: string;
  seen: string[];
}

/**
 * What goes to the raw topic for a feed entry. Feeds are XML, so the payload is the parser's JSON of the entry
 * (`@rowanmanning/feed-parser`: RSS 2.0, RSS 1.0/RDF and Atom alike), with the feed it came from and a stable id.
 */
export interface RssPayload {
  id: string;
  feed: { url: string; title: string | null; link: string | null };
  item: ReturnType<ReturnType<typeof parseFeed>['items'][number]['toJSON']>;
}

/** Ids remembered per feed: more than any feed lists at once, so an entry is never taken for new again. */
const SEEN_PER_FEED = 1000;

/**
 * RSS/Atom feeds with conditional requests (`If-None-Match`/`If-Modified-Since`; a 304 costs nothing). An
 * entry is new when its id (guid/id, else link) was not produced before and it is not older than the
 * backfill horizon. The validators are stored only with a feed's last page, so a crash mid-feed re-reads it.
 */
export function createRssSource(
  config: RssSourceConfig,
  deps: { http?: HttpClient; now?: () => number } = {},
): Source {
  const http = deps.http ?? sharedHttpClient(config);
  const log = createLogger(`ingest.${config.id}`, { source: 'rss' });
  return {
    id: config.id,
    type: 'rss',
    dedupCapacity: config.dedupCapacity,
    async *pages(cursor, signal): AsyncIterable<SourcePage> {
      const state: Record<string, FeedState> = cursor
        ? (JSON.parse(cursor) as Record<string, FeedState>)
        : {};
      const horizon = backfillStartMs(config.backfill, (deps.now ?? Date.now)());
      for (const feedUrl of config.feeds) {
        if (signal.aborted) return;
        const previous: FeedState = state[feedUrl] ?? { seen: [] };
        let text: string;
        let validators: Pick<FeedState, 'etag' | 'lastModified'>;
        try {
          const res = await http.get(feedUrl, {
            signal,
            accept304: true,
            headers: {
              accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5',
              ...(previous.etag ? { 'if-none-match': previous.etag } : {}),
              ...(previous.lastModified ? { 'if-modified-since': previous.lastModified } : {}),
            },
          });
          if (res.status === 304) continue;
          text = res.text;
          validators = {
            ...(res.headers.get('etag') ? { etag: res.headers.get('etag')! } : {}),
            ...(res.headers.get('last-modified') ? { lastModified: res.headers.get('last-modified')! } : {}),
          };
        } catch (err) {
          if (signal.aborted) return;
          const reason = describeFailure(feedUrl, err);
          log.warn({ feed: feedUrl, err: reason }, 'feed failed, skipped until the next pass');
          yield { items: [], cursor: JSON.stringify(state), errors: [reason] };
          continue;
        }
        let feed: ReturnType<typeof parseFeed>;
        try {
          feed = parseFeed(text);
        } catch (err) {
          const reason = `${feedUrl}: not an RSS or Atom feed (${(err as Error).message})`;
          yield {
            items: [],
            cursor: JSON.stringify(state),
            errors: [reason],
            rejected: [{ reason, payload: text.slice(0, 100_000) }],
          };
          continue;
        }
        const seen = new Set(previous.seen);
        const rejected: RejectedItem[] = [];
        const fresh: { id: string; time: number; item: SourceItem }[] = [];
        for (const entry of feed.items) {
          const item = entry.toJSON();
          const id = item.id ?? item.url;
          const time = Date.parse(item.published ?? item.updated ?? '');
          if (!id) {
            rejected.push({ reason: `${feedUrl}: entry without id or link`, payload: item, step: 'fetch' });
            continue;
          }
          if (seen.has(id) || (!Number.isNaN(time) && time < horizon)) continue;
          const payload: RssPayload = { id, feed: { url: feedUrl, title: feed.title, link: feed.url }, item };
          fresh.push({
            id,
            time: Number.isNaN(time) ? Infinity : time,
            item: {
              key: rssKey(feedUrl, id),
              source: 'rss',
              payload,
              ...(Number.isNaN(time) ? {} : { createdAt: new Date(time).toISOString() }),
            },
          });
        }
        fresh.sort((a, b) => a.time - b.time);
        const done = (ids: string[]) =>
          [...ids.reverse(), ...previous.seen].filter((v, i, a) => a.indexOf(v) === i);
        if (fresh.length === 0) {
          state[feedUrl] = { ...validators, seen: previous.seen };
          yield { items: [], cursor: JSON.stringify(state), ...(rejected.length ? { rejected } : {}) };
          continue;
        }
        let produced: string[] = [];
        for (let i = 0; i < fresh.length; i += config.pageSize) {
          const chunk = fresh.slice(i, i + config.pageSize);
          produced = [...produced, ...chunk.map((c) => c.id)];
          const last = i + config.pageSize >= fresh.length;
          state[feedUrl] = {
            ...(last ? validators : {}),
            seen: done([...produced]).slice(0, SEEN_PER_FEED),
          };
          yield {
            items: chunk.map((c) => c.item),
            cursor: JSON.stringify(state),
            ...(i === 0 && rejected.length ? { rejected } : {}),
          };
        }
      }
    },
  };
}
