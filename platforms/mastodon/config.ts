import { z } from 'zod';
import { EnvVarName, HttpSourceBase, HttpUrl } from '../../schema/source-base.ts';

export const MastodonSourceConfig = HttpSourceBase.extend({
  type: z.literal('mastodon'),
  /** The instance, e.g. https://mastodon.social. */
  baseUrl: HttpUrl,
  /** Hashtag timelines, without `#`. */
  hashtags: z.array(z.string().regex(/^[^\s#]+$/, 'a hashtag without # or spaces')).default([]),
  /** Public accounts whose statuses to follow: `kettlebrew` (local) or `kettlebrew@other.example`. */
  accounts: z
    .array(z.string().regex(/^@?[^\s@]+(@[^\s@]+)?$/, 'an account like name or name@instance'))
    .default([]),
  /** Only statuses of the instance's own users in hashtag timelines. */
  local: z.boolean().default(false),
  /** Environment variable holding an access token (some instances require one for timelines). */
  accessTokenEnv: EnvVarName.optional(),
  /** Follow the hashtags live through the streaming API between scheduled polls. */
  stream: z.boolean().default(false),
  /** Streaming endpoint when it is not on the instance's own host. */
  streamingUrl: z
    .url({ protocol: /^(https?|wss?)$/, error: 'must be an http(s):// or ws(s):// URL' })
    .optional(),
  /** Statuses per request (Mastodon caps at 40). */
  pageSize: z.number().int().min(1).max(40).default(40),
}).refine((c) => c.hashtags.length + c.accounts.length > 0, {
  path: ['hashtags'],
  message: 'give at least one hashtag or account',
});
export type MastodonSourceConfig = z.infer<typeof MastodonSourceConfig>;
