import { z } from 'zod';
import { HttpSourceBase, HttpUrl } from '../../schema/source-base.ts';

/** A Lobsters site (lobste.rs, or another instance of its software): newest stories and their comments. */
export const LobstersSourceConfig = HttpSourceBase.extend({
  type: z.literal('lobsters'),
  baseUrl: HttpUrl.default('https://lobste.rs'),
  /** Only stories with one of these tags (`/t/<tag>.json`); absent: every story (`/newest.json`). */
  tags: z
    .array(z.string().regex(/^[a-z0-9_+-]+$/i, 'a tag like rust or practices'))
    .min(1)
    .optional(),
  /** Also fetch the comments of recent stories (`/s/<short_id>.json`). */
  comments: z.boolean().default(true),
  /**
   * How long after its submission a story is re-read for new comments (a duration, like `backfill`): a comment
   * on an older story is not seen, since the listings order stories by submission only.
   */
  commentWindow: z
    .string()
    .regex(/^\d+\s*[mhd]$/, 'a duration like 36h or 2d')
    .default('2d'),
  /** Items per produced page (the site serves 25 stories per listing page). */
  pageSize: z.number().int().min(1).max(1000).default(100),
});
export type LobstersSourceConfig = z.infer<typeof LobstersSourceConfig>;
