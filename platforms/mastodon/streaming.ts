import { createParser } from 'eventsource-parser';
import { createLogger } from '../../core/logger.ts';
import type { MastodonSourceConfig } from './config.ts';
import { splitValid } from '../shared/items.ts';
import { advance, parseWatermarks } from '../shared/polling.ts';
import type { RejectedItem } from '../shared/rejects.ts';
import type { SourceItem, SourcePage } from '../shared/source.ts';
import { DEFAULT_USER_AGENT } from '../shared/http/client.ts';
import { MastodonStatusHead, type MastodonStatus } from './source.ts';
import { mastodonKey } from './keys.ts';

export interface StreamContext {
  headers: Record<string, string>;
  host: string;
  base: string;
  toItem(status: MastodonStatus): SourceItem;
  /** Source cursor after polling caught up: the marks the stream moves on from. */
  cursor: string | undefined;
  signal: AbortSignal;
}

/** Longest a streamed status waits before its page (and the cursor) is produced. */
const FLUSH_MS = 1000;

type Event =
  { tag: string; status: MastodonStatus } | { tag: string; rejected: RejectedItem } | { end: string };

/**
 * Follows the hashtags through the streaming API (`/api/v1/streaming/hashtag?tag=…`, server-sent events, one
 * connection per tag) and yields a page per second of `update` events. When a connection drops the stream
 * ends: the pass is over, and the next scheduled pass polls what was missed before streaming again, so a drop
 * leaves no gap.
 */
export async function* streamHashtags(
  config: MastodonSourceConfig,
  ctx: StreamContext,
): AsyncIterable<SourcePage> {
  const log = createLogger(`ingest.${config.id}`, { source: 'mastodon' });
  const marks = parseWatermarks(ctx.cursor);
  const stop = new AbortController();
  const signal = AbortSignal.any([ctx.signal, stop.signal]);
  const queue: Event[] = [];
  let wake: (() => void) | undefined;
  const push = (e: Event) => {
    queue.push(e);
    wake?.();
  };
  const streamBase = (config.streamingUrl ?? ctx.base).replace(/\/+$/, '');
  for (const tag of config.hashtags) {
    const url = `${streamBase}/api/v1/streaming/hashtag${config.local ? '/local' : ''}?tag=${encodeURIComponent(tag)}`;
    void follow(url, tag, ctx, signal, push).then(
      () => push({ end: `${tag}: stream closed` }),
      (err: Error) => push({ end: `${tag}: ${err.message}` }),
    );
  }
  log.info({ tags: config.hashtags }, 'streaming');
  try {
    for (;;) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, FLUSH_MS).unref();
        });
        wake = undefined;
      }
      if (ctx.signal.aborted) return;
      const events = queue.splice(0, queue.length);
      const items: SourceItem[] = [];
      const rejected: RejectedItem[] = [];
      let ended: string | undefined;
      for (const e of events) {
        if ('end' in e) ended ??= e.end;
        else if ('rejected' in e) rejected.push(e.rejected);
        else {
          const key = `tag:${e.tag}`;
          const time = Date.parse(e.status.head.created_at);
          marks[key] = advance(marks[key] ?? { t: 0, ids: [] }, [{ time, id: e.status.head.id }]);
          items.push(ctx.toItem(e.status));
        }
      }
      if (items.length > 0 || rejected.length > 0)
        yield { items, cursor: JSON.stringify(marks), ...(rejected.length ? { rejected } : {}) };
      if (ended) {
        log.warn({ reason: ended }, 'stream ended; the next pass catches up');
        return;
      }
    }
  } finally {
    stop.abort();
  }
}

async function follow(
  url: string,
  tag: string,
  ctx: StreamContext,
  signal: AbortSignal,
  push: (e: Event) => void,
): Promise<void> {
  const res = await fetch(url, {
    headers: { 'user-agent': DEFAULT_USER_AGENT, ...ctx.headers, accept: 'text/event-stream' },
    signal,
  });
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status} from ${url}`);
  const parser = createParser({
    onEvent(message) {
      if (message.event !== 'update') return; // delete, status.update, heartbeats: not new posts
      let body: unknown;
      try {
        body = JSON.parse(message.data);
      } catch {
        push({ tag, rejected: { reason: 'streamed update is not JSON', payload: message.data } });
        return;
      }
      const { valid, rejected } = splitValid([body], MastodonStatusHead, 'streamed status', (e) =>
        typeof e.id === 'string' ? mastodonKey(ctx.host, e.id) : undefined,
      );
      for (const r of rejected) push({ tag, rejected: r });
      for (const v of valid) push({ tag, status: { head: v.item, raw: v.raw } });
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of res.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
}
