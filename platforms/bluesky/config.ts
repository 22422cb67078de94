import { z } from 'zod';
import { EnvVarName, HttpSourceBase, HttpUrl } from '../../schema/source-base.ts';

/** Bluesky search (`app.bsky.feed.searchPosts`, newest first) on the public AppView or another service. */
export const BlueskySourceConfig = HttpSourceBase.extend({
  type: z.literal('bluesky'),
  baseUrl: HttpUrl.default('https://public.api.bsky.app'),
  /** Search queries (Lucene-like syntax: words, "phrases", from:handle, #tag). */
  queries: z.array(z.string().min(1)).min(1),
  /** Only posts in this language (ISO 639-1). */
  lang: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional(),
  /** With both set, the connector signs in (com.atproto.server.createSession, app password) on `authUrl`. */
  identifierEnv: EnvVarName.optional(),
  appPasswordEnv: EnvVarName.optional(),
  authUrl: HttpUrl.default('https://bsky.social'),
  /** Posts per request (the API caps at 100). */
  pageSize: z.number().int().min(1).max(100).default(100),
}).refine((c) => !c.identifierEnv === !c.appPasswordEnv, {
  path: ['appPasswordEnv'],
  message: 'signing in needs both identifierEnv and appPasswordEnv',
});
export type BlueskySourceConfig = z.infer<typeof BlueskySourceConfig>;
