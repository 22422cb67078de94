import { z } from 'zod';
import { EnvVarName, HttpSourceBase, HttpUrl } from '../../schema/source-base.ts';

/** A Discourse forum: latest topics and/or searches, each topic's posts with their reply structure. */
export const DiscourseSourceConfig = HttpSourceBase.extend({
  type: z.literal('discourse'),
  /** The forum, e.g. https://meta.discourse.org. */
  baseUrl: HttpUrl,
  /** Follow `/latest.json` (every topic with new posts). */
  latest: z.boolean().default(true),
  /** Searches (`/search.json?q=… order:latest`): topics with matching posts. */
  searches: z.array(z.string().min(1)).default([]),
  /** Optional API key and user (headers Api-Key / Api-Username) for private forums or higher limits. */
  apiKeyEnv: EnvVarName.optional(),
  apiUsernameEnv: EnvVarName.optional(),
  pageSize: z.number().int().positive().default(100),
}).refine((c) => c.latest || c.searches.length > 0, {
  path: ['searches'],
  message: 'enable latest or give at least one search',
});
export type DiscourseSourceConfig = z.infer<typeof DiscourseSourceConfig>;
