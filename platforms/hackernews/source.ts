import { z } from 'zod';
import type { HackerNewsSourceConfig } from './config.ts';
import { splitValid } from '../shared/items.ts';
import { MalformedResponseError, pollingSource, type PolledQuery } from '../shared/polling.ts';
import type { Source } from '../shared/source.ts';
import type { HttpClient } from '../shared/http/client.ts';
import { sharedHttpClient } from '../shared/http/shared.ts';
import { hackerNewsKey } from './keys.ts';

/** What the connector needs from an Algolia hit; the hit travels untouched. */
const Hit = z.object({ objectID: z.string().min(1), created_at_i: z.number().int().positive() });
type Hit = z.infer<typeof Hit>;
interface Item {
  hit: Hit;
  raw: unknown;
}

const SearchResult = z.object({
  hits: z.array(z.unknown()),
  page: z.number().int().nonnegative(),
  nbPages: z.number().int().nonnegative(),
});

/**
 * Hacker News through its Algolia API: `search_by_date` (newest first) per query, stories and comments,
 * restricted server-side with `numericFilters=created_at_i>=<mark>` and paged with `page` up to `nbPages`.
 */
export function createHackerNewsSource(
  config: HackerNewsSourceConfig,
  deps: { http?: HttpClient; now?: () => number } = {},
): Source {
  const http = deps.http ?? sharedHttpClient(config);
  const base = config.baseUrl.replace(/\/+$/, '');
  const tags = config.kinds.length === 1 ? config.kinds[0]! : `(${config.kinds.join(',')})`;

  const query = (q: string): PolledQuery<Item> => ({
    key: `search:${q}`,
    idOf: (i) => i.hit.objectID,
    timeOf: (i) => i.hit.created_at_i * 1000,
    toItem: (i) => ({
      key: hackerNewsKey(i.hit.objectID),
      source: 'hackernews',
      payload: i.raw,
      createdAt: new Date(i.hit.created_at_i * 1000).toISOString(),
    }),
    fetchPage: async (page, since, signal) => {
      const url = new URL(`${base}/api/v1/search_by_date`);
      url.searchParams.set('query', q);
      url.searchParams.set('tags', tags);
      url.searchParams.set('hitsPerPage', String(config.pageSize));
      url.searchParams.set('page', page ?? '0');
      if (since) url.searchParams.set('numericFilters', `created_at_i>=${Math.floor(since.t / 1000)}`);
      const body = (await http.get(url.toString(), { signal })).json();
      const result = SearchResult.safeParse(body);
      if (!result.success) throw new MalformedResponseError('response is not an Algolia search result', body);
      const { valid, rejected } = splitValid(result.data.hits, Hit, 'hit', (e) =>
        typeof e.objectID === 'string' ? hackerNewsKey(e.objectID) : undefined,
      );
      const next = result.data.page + 1 < result.data.nbPages ? String(result.data.page + 1) : undefined;
      return { items: valid.map((v) => ({ hit: v.item, raw: v.raw })), rejected, next };
    },
  });

  const queries = config.queries.map(query) as PolledQuery<unknown>[];
  return pollingSource('hackernews', config, queries, deps.now);
}
