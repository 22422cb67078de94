import { z } from 'zod';
import type { BlueskySourceConfig } from './config.ts';
import { ParsableTime, splitValid } from '../shared/items.ts';
import { MalformedResponseError, pollingSource, type PolledQuery } from '../shared/polling.ts';
import type { Source, SourceItem } from '../shared/source.ts';
import { HttpError, type HttpClient } from '../shared/http/client.ts';
import { secretFromEnv, sharedHttpClient } from '../shared/http/shared.ts';
import { blueskyKey } from './keys.ts';

/** What the connector needs from a PostView (id and time); the rest travels untouched to the normaliser. */
const PostHead = z.object({
  uri: z.string().startsWith('at://'),
  author: z.object({ did: z.string().startsWith('did:') }),
  record: z.object({ createdAt: ParsableTime }),
  indexedAt: ParsableTime,
});
type PostHead = z.infer<typeof PostHead>;
interface Found {
  head: PostHead;
  raw: unknown;
}

export interface BlueskyDeps {
  http?: HttpClient;
  now?: () => number;
  env?: Record<string, string | undefined>;
}

/**
 * Bluesky's `sortAt`: the earlier of the client's createdAt and the AppView's indexedAt. Search sorts and
 * filters (`since`) by it, so the watermark must use it too.
 */
const sortAt = (p: PostHead) => Math.min(Date.parse(p.record.createdAt), Date.parse(p.indexedAt));

/**
 * Bluesky search: `app.bsky.feed.searchPosts?sort=latest` per query, paged back with `cursor` to the stored
 * mark (`since` cuts the listing server-side). Public AppView by default; with an app password it signs in
 * and searches through the account's service, which some deployments require.
 */
export function createBlueskySource(config: BlueskySourceConfig, deps: BlueskyDeps = {}): Source {
  const http = deps.http ?? sharedHttpClient(config);
  const identifier = secretFromEnv(config.identifierEnv, `source ${config.id}`, deps.env);
  const password = secretFromEnv(config.appPasswordEnv, `source ${config.id}`, deps.env);
  const authBase = config.authUrl.replace(/\/+$/, '');
  const base = identifier ? authBase : config.baseUrl.replace(/\/+$/, '');
  let session: Promise<string> | undefined;

  const signIn = async (signal: AbortSignal): Promise<string> => {
    const res = await http.request(`${authBase}/xrpc/com.atproto.server.createSession`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ identifier, password }),
      signal,
    });
    const parsed = z.object({ accessJwt: z.string().min(1) }).safeParse(res.json());
    if (!parsed.success) throw new MalformedResponseError('createSession returned no accessJwt', res.text);
    return parsed.data.accessJwt;
  };

  const search = async (url: string, signal: AbortSignal, retried = false): Promise<unknown> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (identifier) {
      session ??= signIn(signal);
      session.catch(() => (session = undefined));
      headers.authorization = `Bearer ${await session}`;
    }
    try {
      return (await http.get(url, { headers, signal })).json();
    } catch (err) {
      // Access tokens live about two hours: sign in again once when the service says it expired.
      if (identifier && !retried && err instanceof HttpError && (err.status === 400 || err.status === 401)) {
        if (/ExpiredToken|InvalidToken/.test(err.body)) {
          session = undefined;
          return search(url, signal, true);
        }
      }
      throw err;
    }
  };

  const query = (q: string): PolledQuery<Found> => ({
    key: `q:${q}`,
    idOf: (p) => p.head.uri,
    timeOf: (p) => sortAt(p.head),
    toItem: (p): SourceItem => ({
      key: blueskyKey(p.head.uri),
      source: 'bluesky',
      payload: p.raw,
      createdAt: new Date(sortAt(p.head)).toISOString(),
    }),
    fetchPage: async (next, since, signal) => {
      const url = new URL(`${base}/xrpc/app.bsky.feed.searchPosts`);
      url.searchParams.set('q', q);
      url.searchParams.set('sort', 'latest');
      url.searchParams.set('limit', String(config.pageSize));
      if (config.lang) url.searchParams.set('lang', config.lang);
      if (since) url.searchParams.set('since', new Date(since.t).toISOString());
      if (next) url.searchParams.set('cursor', next);
      const body = await search(url.toString(), signal);
      const shaped = z.object({ posts: z.array(z.unknown()), cursor: z.string().optional() }).safeParse(body);
      if (!shaped.success) throw new MalformedResponseError('response is not a searchPosts result', body);
      const { valid, rejected } = splitValid(shaped.data.posts, PostHead, 'post view', (e) =>
        typeof e.uri === 'string' ? blueskyKey(e.uri) : undefined,
      );
      return {
        items: valid.map((v) => ({ head: v.item, raw: v.raw })),
        rejected,
        next: shaped.data.posts.length > 0 ? shaped.data.cursor : undefined,
      };
    },
  });

  const queries = config.queries.map(query) as PolledQuery<unknown>[];
  return pollingSource('bluesky', config, queries, deps.now);
}
