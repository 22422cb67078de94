import { z } from 'zod';
import { EnvVarName, HttpSourceBase, HttpUrl } from '../../schema/source-base.ts';

/** A Lemmy instance: communities' posts and their comment trees (API v3). */
export const LemmySourceConfig = HttpSourceBase.extend({
  type: z.literal('lemmy'),
  /** The instance, e.g. https://lemmy.world. */
  baseUrl: HttpUrl,
  /** Communities as `name` (local) or `name@instance`. */
  communities: z
    .array(z.string().regex(/^[^\s@!]+(@[^\s@]+)?$/, 'a community like name or name@instance'))
    .min(1),
  /** Also fetch the comments of posts with new activity. */
  comments: z.boolean().default(true),
  /** Environment variable with a JWT, for instances that require a login. */
  jwtEnv: EnvVarName.optional(),
  /** Posts or comments per request (Lemmy caps at 50). */
  pageSize: z.number().int().min(1).max(50).default(50),
});
export type LemmySourceConfig = z.infer<typeof LemmySourceConfig>;
