import { z } from 'zod';
import type { RedditSourceConfig } from './config.ts';
import { splitValid } from '../shared/items.ts';
import { MalformedResponseError, pollingSource, type PolledQuery } from '../shared/polling.ts';
import type { RejectedItem } from '../shared/rejects.ts';
import type { Source, SourceItem } from '../shared/source.ts';
import type { HttpClient } from '../shared/http/client.ts';
import { secretFromEnv, sharedHttpClient } from '../shared/http/shared.ts';
import { redditKey } from './keys.ts';

/** A listing child (`{kind: 't3'|'t1', data}`) with what the connector needs; the rest travels untouched. */
const Thing = z.object({
  kind: z.enum(['t1', 't3']),
  data: z.object({
    name: z.string().regex(/^t[13]_\w+$/),
    id: z.string().min(1),
    created_utc: z.number().positive(),
  }),
});
type Thing = z.infer<typeof Thing>;
interface Item {
  thing: Thing;
  raw: unknown;
}

const Listing = z.object({
  kind: z.literal('Listing'),
  data: z.object({ after: z.string().nullish(), children: z.array(z.unknown()) }),
});

export interface RedditDeps {
  http?: HttpClient;
  now?: () => number;
  env?: Record<string, string | undefined>;
}

/** Reddit requires a descriptive User-Agent naming the app and its contact. */
const REDDIT_USER_AGENT = 'server:lateral-listening:v0.1 (by /u/lateral-listening)';

/**
 * Reddit: subreddits' `new.json` (and `comments.json`, their newest comments, when `comments` is on) and
 * `search.json?sort=new`, paged back with the listing's `after`. Comments of submissions found by a search are
 * fetched from `/comments/:id.json`. With OAuth client credentials (env vars) requests go to oauth.reddit.com.
 */
export function createRedditSource(config: RedditSourceConfig, deps: RedditDeps = {}): Source {
  const http = deps.http ?? sharedHttpClient({ ...config, userAgent: config.userAgent ?? REDDIT_USER_AGENT });
  const env = deps.env ?? process.env;
  const clientId = secretFromEnv(config.clientIdEnv, `source ${config.id}`, env);
  const clientSecret = secretFromEnv(config.clientSecretEnv, `source ${config.id}`, env);
  const userAgent = config.userAgent ?? REDDIT_USER_AGENT;
  let token: { value: string; expires: number } | undefined;

  const authorise = async (
    signal: AbortSignal,
  ): Promise<{ base: string; headers: Record<string, string> }> => {
    const headers: Record<string, string> = { 'user-agent': userAgent, accept: 'application/json' };
    if (!clientId || !clientSecret) return { base: config.baseUrl.replace(/\/+$/, ''), headers };
    if (!token || token.expires < Date.now() + 60_000) {
      const res = await http.request(config.tokenUrl, {
        method: 'POST',
        signal,
        headers: {
          ...headers,
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      const parsed = z
        .object({ access_token: z.string().min(1), expires_in: z.number() })
        .safeParse(res.json());
      if (!parsed.success) throw new MalformedResponseError('token response has no access_token', res.text);
      token = { value: parsed.data.access_token, expires: Date.now() + parsed.data.expires_in * 1000 };
    }
    return {
      base: config.oauthBaseUrl.replace(/\/+$/, ''),
      headers: { ...headers, authorization: `bearer ${token.value}` },
    };
  };

  const fetchJson = async (path: string, params: Record<string, string>, signal: AbortSignal) => {
    const { base, headers } = await authorise(signal);
    const url = new URL(`${base}${path}`);
    for (const [k, v] of Object.entries({ raw_json: '1', ...params })) url.searchParams.set(k, v);
    return (await http.get(url.toString(), { headers, signal })).json();
  };

  const readListing = (
    body: unknown,
  ): { items: Item[]; rejected: RejectedItem[]; after: string | undefined } => {
    const listing = Listing.safeParse(body);
    if (!listing.success) throw new MalformedResponseError('response is not a Reddit listing', body);
    const { valid, rejected } = splitValid(listing.data.data.children, Thing, 'listing child', (e) => {
      const name = (e.data as { name?: unknown } | undefined)?.name;
      return typeof name === 'string' ? redditKey(name) : undefined;
    });
    return {
      items: valid.map((v) => ({ thing: v.item, raw: v.raw })),
      rejected,
      after: listing.data.data.after ?? undefined,
    };
  };

  const toItem = (i: Item): SourceItem => ({
    key: redditKey(i.thing.data.name),
    source: 'reddit',
    payload: i.raw,
    createdAt: new Date(i.thing.data.created_utc * 1000).toISOString(),
  });

  const listingQuery = (
    key: string,
    path: string,
    params: Record<string, string>,
    expand: boolean,
  ): PolledQuery<Item> => ({
    key,
    idOf: (i) => i.thing.data.name,
    timeOf: (i) => Math.round(i.thing.data.created_utc * 1000),
    toItem,
    fetchPage: async (after, _since, signal) => {
      const {
        items,
        rejected,
        after: next,
      } = readListing(
        await fetchJson(
          path,
          { ...params, limit: String(config.pageSize), ...(after ? { after } : {}) },
          signal,
        ),
      );
      return { items, rejected, next };
    },
    ...(expand
      ? { expand: (items: Item[], _since: unknown, signal: AbortSignal) => commentsOf(items, signal) }
      : {}),
  });

  /** Every comment of new submissions, from their comment trees (nested `replies` listings). */
  const commentsOf = async (submissions: Item[], signal: AbortSignal) => {
    const items: SourceItem[] = [];
    const rejected: RejectedItem[] = [];
    for (const s of submissions) {
      if (s.thing.kind !== 't3') continue;
      const body = await fetchJson(`/comments/${s.thing.data.id}.json`, { limit: '500' }, signal);
      if (!Array.isArray(body) || body.length < 2) {
        rejected.push({
          reason: `comments of ${s.thing.data.name}: not [submission, comments] listings`,
          payload: body,
        });
        continue;
      }
      const walk = (listing: unknown) => {
        const parsed = Listing.safeParse(listing);
        if (!parsed.success) return;
        for (const child of parsed.data.data.children) {
          if ((child as { kind?: unknown }).kind === 'more') continue; // collapsed replies: not fetched
          const thing = Thing.safeParse(child);
          if (!thing.success) {
            rejected.push({ reason: `comment of ${s.thing.data.name} without id or time`, payload: child });
            continue;
          }
          items.push(toItem({ thing: thing.data, raw: child }));
          walk((child as { data: { replies?: unknown } }).data.replies);
        }
      };
      walk(body[1]);
    }
    return { items, rejected };
  };

  const queries: PolledQuery<Item>[] = [];
  for (const sub of config.subreddits) {
    queries.push(listingQuery(`r/${sub}/new`, `/r/${sub}/new.json`, {}, false));
    if (config.comments)
      queries.push(listingQuery(`r/${sub}/comments`, `/r/${sub}/comments.json`, {}, false));
  }
  for (const search of config.searches) {
    const path = search.subreddit ? `/r/${search.subreddit}/search.json` : '/search.json';
    const params = {
      q: search.q,
      sort: 'new',
      type: 'link',
      ...(search.subreddit ? { restrict_sr: '1' } : {}),
    };
    queries.push(listingQuery(`search:${search.subreddit ?? ''}:${search.q}`, path, params, config.comments));
  }

  return pollingSource('reddit', config, queries as PolledQuery<unknown>[], deps.now);
}
