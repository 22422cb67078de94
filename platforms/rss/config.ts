import { z } from 'zod';
import { HttpSourceBase, HttpUrl } from '../../schema/source-base.ts';

export const RssSourceConfig = HttpSourceBase.extend({
  type: z.literal('rss'),
  /** RSS 2.0, RSS 1.0 (RDF) or Atom feed URLs. */
  feeds: z.array(HttpUrl).min(1),
  pageSize: z.number().int().positive().default(100),
});
export type RssSourceConfig = z.infer<typeof RssSourceConfig>;
