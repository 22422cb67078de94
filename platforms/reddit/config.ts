import { z } from 'zod';
import { EnvVarName, HttpSourceBase, HttpUrl } from '../../schema/source-base.ts';

export const RedditSourceConfig = HttpSourceBase.extend({
  type: z.literal('reddit'),
  /** Public JSON endpoint; with OAuth credentials `oauthBaseUrl` is used instead. */
  baseUrl: HttpUrl.default('https://www.reddit.com'),
  oauthBaseUrl: HttpUrl.default('https://oauth.reddit.com'),
  tokenUrl: HttpUrl.default('https://www.reddit.com/api/v1/access_token'),
  /** Subreddits whose `new` listing to follow, without `r/`. */
  subreddits: z.array(z.string().regex(/^[A-Za-z0-9_]+$/, 'a subreddit name without r/')).default([]),
  /** Searches (`search.json?q=…&sort=new`), optionally restricted to a subreddit. */
  searches: z
    .array(
      z.strictObject({
        q: z.string().min(1),
        subreddit: z
          .string()
          .regex(/^[A-Za-z0-9_]+$/)
          .optional(),
      }),
    )
    .default([]),
  /** Also fetch each new submission's comments (`/comments/:id.json`): reply structure matters. */
  comments: z.boolean().default(true),
  /** Environment variables with an app's client id and secret: enables OAuth (client credentials). */
  clientIdEnv: EnvVarName.optional(),
  clientSecretEnv: EnvVarName.optional(),
  pageSize: z.number().int().min(1).max(100).default(100),
})
  .refine((c) => c.subreddits.length + c.searches.length > 0, {
    path: ['subreddits'],
    message: 'give at least one subreddit or search',
  })
  .refine((c) => !c.clientIdEnv === !c.clientSecretEnv, {
    path: ['clientSecretEnv'],
    message: 'OAuth needs both clientIdEnv and clientSecretEnv',
  });
export type RedditSourceConfig = z.infer<typeof RedditSourceConfig>;
