import { z } from 'zod';
import { HttpSourceBase, HttpUrl } from '../../schema/source-base.ts';

/** Apple App Store customer reviews (the public RSS/JSON feed, newest first, 10 pages at most). */
export const AppStoreSourceConfig = HttpSourceBase.extend({
  type: z.literal('appstore'),
  baseUrl: HttpUrl.default('https://itunes.apple.com'),
  apps: z
    .array(
      z.strictObject({
        /** Numeric App Store id (the `id123456789` in the app's URL). */
        id: z.string().regex(/^\d+$/, 'the numeric App Store id'),
        /** Product name on the reviews; defaults to the feed's app name. */
        name: z.string().min(1).optional(),
        /** Storefronts (ISO 3166 alpha-2, lowercase). */
        countries: z
          .array(z.string().regex(/^[a-z]{2}$/, 'a two-letter country code'))
          .min(1)
          .default(['us']),
      }),
    )
    .min(1),
  /** Reviews per produced page (the feed itself serves 50 per page). */
  pageSize: z.number().int().positive().default(50),
});
export type AppStoreSourceConfig = z.infer<typeof AppStoreSourceConfig>;
