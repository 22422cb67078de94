import { z } from 'zod';
import { HttpSourceBase, HttpUrl } from '../../schema/source-base.ts';

export const HackerNewsSourceConfig = HttpSourceBase.extend({
  type: z.literal('hackernews'),
  baseUrl: HttpUrl.default('https://hn.algolia.com'),
  /** Full-text queries (Algolia `search_by_date`). */
  queries: z.array(z.string().min(1)).min(1),
  /** Item kinds to fetch. */
  kinds: z
    .array(z.enum(['story', 'comment']))
    .min(1)
    .default(['story', 'comment']),
  /** Hits per request (Algolia allows up to 1000). */
  pageSize: z.number().int().min(1).max(1000).default(100),
});
export type HackerNewsSourceConfig = z.infer<typeof HackerNewsSourceConfig>;
