import { z } from 'zod';
import type { MastodonSourceConfig } from './config.ts';
import { ParsableTime, splitValid } from '../shared/items.ts';
import { MalformedResponseError, pollSource, type PolledQuery } from '../shared/polling.ts';
import type { Source, SourceItem } from '../shared/source.ts';
import type { HttpClient } from '../shared/http/client.ts';
import { parseLinkHeader, secretFromEnv, sharedHttpClient } from '../shared/http/shared.ts';
import { streamHashtags } from './streaming.ts';
import { mastodonKey } from './keys.ts';

/** What the connector itself needs from a Status entity; the rest of it travels untouched. */
const StatusHead = z.object({
  id: z.string().min(1),
  created_at: ParsableTime,
  account: z.object({ id: z.string().min(1), acct: z.string() }),
});
type StatusHead = z.infer<typeof StatusHead>;
interface Status {
  head: StatusHead;
  raw: unknown;
}

export interface ConnectorDeps {
  http?: HttpClient;
  now?: () => number;
  env?: Record<string, string | undefined>;
}

/**
 * Mastodon (any instance): hashtag timelines and public accounts' statuses, newest first, paged back with
 * the `Link: rel="next"` header (max_id) to the stored mark, `since_id` cutting the first page short.
 * With `stream: true` a pass then follows the hashtags live (streaming API, server-sent events) until stopped.
 */
export function createMastodonSource(config: MastodonSourceConfig, deps: ConnectorDeps = {}): Source {
  const http = deps.http ?? sharedHttpClient(config);
  const base = config.baseUrl.replace(/\/+$/, '');
  const host = new URL(base).host;
  const token = secretFromEnv(config.accessTokenEnv, `source ${config.id}`, deps.env);
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const accountIds = new Map<string, string>();

  const listing = async (url: string, signal: AbortSignal) => {
    const res = await http.get(url, { headers, signal });
    const body = res.json();
    if (!Array.isArray(body)) throw new MalformedResponseError('response is not a list of statuses', body);
    const { valid, rejected } = splitValid(body, StatusHead, 'status', (e) =>
      typeof e.id === 'string' ? mastodonKey(host, e.id) : undefined,
    );
    const items: Status[] = valid.map((v) => ({ head: v.item, raw: v.raw }));
    const last = items[items.length - 1];
    const next =
      parseLinkHeader(res.headers.get('link')).next ??
      (last ? withParam(url, 'max_id', last.head.id, ['since_id', 'min_id']) : undefined);
    return { items, rejected, next };
  };

  const toItem = (s: Status): SourceItem => ({
    key: mastodonKey(host, s.head.id),
    source: 'mastodon',
    payload: s.raw,
    createdAt: s.head.created_at,
    origin: base,
  });
  const common = {
    idOf: (s: Status) => s.head.id,
    timeOf: (s: Status) => Date.parse(s.head.created_at),
    toItem,
  };

  const tagQuery = (tag: string): PolledQuery<Status> => ({
    key: `tag:${tag}`,
    ...common,
    fetchPage: (next, since, signal) => {
      const url = new URL(`${base}/api/v1/timelines/tag/${encodeURIComponent(tag)}`);
      url.searchParams.set('limit', String(config.pageSize));
      if (config.local) url.searchParams.set('local', 'true');
      if (since?.lastId) url.searchParams.set('since_id', since.lastId);
      return listing(next ?? url.toString(), signal);
    },
  });

  const accountQuery = (acct: string): PolledQuery<Status> => ({
    key: `account:${acct}`,
    ...common,
    fetchPage: async (next, since, signal) => {
      if (next) return listing(next, signal);
      let id = accountIds.get(acct);
      if (!id) {
        const res = await http.get(`${base}/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`, {
          headers,
          signal,
        });
        const account = z.object({ id: z.string().min(1) }).safeParse(res.json());
        if (!account.success)
          throw new MalformedResponseError(`lookup of ${acct} returned no account id`, res.json());
        id = account.data.id;
        accountIds.set(acct, id);
      }
      const url = new URL(`${base}/api/v1/accounts/${encodeURIComponent(id)}/statuses`);
      url.searchParams.set('limit', String(config.pageSize));
      if (since?.lastId) url.searchParams.set('since_id', since.lastId);
      return listing(url.toString(), signal);
    },
  });

  const queries = [
    ...config.hashtags.map(tagQuery),
    ...config.accounts.map((a) => accountQuery(a.replace(/^@/, ''))),
  ] as PolledQuery<unknown>[];

  return {
    id: config.id,
    type: 'mastodon',
    dedupCapacity: config.dedupCapacity,
    async *pages(cursor, signal) {
      let last = cursor;
      for await (const page of pollSource(queries, config, cursor, signal, deps.now)) {
        last = page.cursor;
        yield page;
      }
      if (config.stream && config.hashtags.length > 0 && !signal.aborted) {
        // Caught up by polling first, so the stream starts with no gap; its items advance the same marks.
        yield* streamHashtags(config, { headers, host, base, toItem, cursor: last, signal, ...deps });
      }
    },
  };
}

/** `url` with `name=value`, dropping the parameters that would contradict it. */
function withParam(url: string, name: string, value: string, drop: string[] = []): string {
  const u = new URL(url);
  for (const d of drop) u.searchParams.delete(d);
  u.searchParams.set(name, value);
  return u.toString();
}

export type { Status as MastodonStatus };
export { StatusHead as MastodonStatusHead };
