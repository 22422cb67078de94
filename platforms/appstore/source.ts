import { z } from 'zod';
import type { AppStoreSourceConfig } from './config.ts';
import { ParsableTime, splitValid } from '../shared/items.ts';
import { MalformedResponseError, pollingSource, type PolledQuery } from '../shared/polling.ts';
import type { Source, SourceItem } from '../shared/source.ts';
import type { HttpClient } from '../shared/http/client.ts';
import { sharedHttpClient } from '../shared/http/shared.ts';
import { appStoreKey } from './keys.ts';

/** Apple serves at most 10 pages of the customer-reviews feed. */
export const MAX_FEED_PAGES = 10;

const Label = z.object({ label: z.string() });

/**
 * What the connector needs from a review entry; the entry itself travels untouched. Real feeds serve entries
 * without their own `updated` (only the feed has one): such a review is ordered by the feed's time.
 */
const ReviewHead = z.object({
  id: z.object({ label: z.string().regex(/^\d+$/, 'a numeric review id') }),
  updated: z.object({ label: ParsableTime }).optional(),
  'im:rating': z.object({ label: z.string().regex(/^[1-5]$/, 'a rating from 1 to 5') }),
  author: z.object({ name: Label }),
});
type ReviewHead = z.infer<typeof ReviewHead>;
interface Review {
  head: ReviewHead;
  raw: unknown;
  /** The feed's own `updated`, when it has one: the latest time a review without its own time can have. */
  feedUpdated?: string;
  /** When the page was fetched (ms). */
  fetchedMs: number;
}

/**
 * The payload produced per review: the feed entry untouched, with the app and storefront it was listed under
 * (the entry itself does not say which app it reviews) and the feed's `updated` (for entries without one).
 */
export interface AppStoreReviewPayload {
  app: { id: string; country: string; name?: string };
  feedUpdated?: string;
  entry: unknown;
}

/** A review's time: its own, else the feed's, else when it was fetched. */
const reviewTime = (r: Review) => {
  const own = r.head.updated ? Date.parse(r.head.updated.label) : NaN;
  if (Number.isFinite(own)) return own;
  const feed = r.feedUpdated ? Date.parse(r.feedUpdated) : NaN;
  return Number.isFinite(feed) ? feed : r.fetchedMs;
};

export interface AppStoreDeps {
  http?: HttpClient;
  now?: () => number;
}

/**
 * App Store customer reviews: the public JSON feed per app and storefront
 * (`/{country}/rss/customerreviews/page={n}/id={app}/sortby=mostrecent/json`), newest first, pages 1–10.
 * Owner (developer) replies are not in this feed; they need the App Store Connect API.
 */
export function createAppStoreSource(config: AppStoreSourceConfig, deps: AppStoreDeps = {}): Source {
  const http = deps.http ?? sharedHttpClient(config);
  const now = deps.now ?? Date.now;
  const base = config.baseUrl.replace(/\/+$/, '');
  // The app's name from the feed's own metadata entry, when the config does not give one.
  const feedNames = new Map<string, string>();

  const query = (app: AppStoreSourceConfig['apps'][number], country: string): PolledQuery<Review> => ({
    key: `${country}/${app.id}`,
    idOf: (r) => r.head.id.label,
    timeOf: reviewTime,
    toItem: (r): SourceItem => {
      const name = app.name ?? feedNames.get(app.id);
      const payload: AppStoreReviewPayload = {
        app: { id: app.id, country, ...(name ? { name } : {}) },
        ...(r.feedUpdated ? { feedUpdated: r.feedUpdated } : {}),
        entry: r.raw,
      };
      return {
        key: appStoreKey(r.head.id.label),
        source: 'appstore',
        payload,
        createdAt: new Date(reviewTime(r)).toISOString(),
      };
    },
    fetchPage: async (next, _since, signal) => {
      const page = Number(next ?? 1);
      const url = `${base}/${country}/rss/customerreviews/page=${page}/id=${app.id}/sortby=mostrecent/json`;
      const body = (await http.get(url, { headers: { accept: 'application/json' }, signal })).json();
      const fetchedMs = now();
      const shaped = z
        .object({
          feed: z.looseObject({ entry: z.unknown().optional(), updated: Label.optional().catch(undefined) }),
        })
        .safeParse(body);
      if (!shaped.success) throw new MalformedResponseError('response is not a customer-reviews feed', body);
      const raw = shaped.data.feed.entry;
      const updated = shaped.data.feed.updated?.label;
      const feedUpdated = updated && Number.isFinite(Date.parse(updated)) ? updated : undefined;
      // One entry arrives as an object, none as no `entry` at all.
      const entries: unknown[] = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      const reviews: unknown[] = [];
      for (const entry of entries) {
        const e = entry as Record<string, unknown> | null;
        // The first page may open with the app itself (im:name, no rating): metadata, not a review.
        if (e && typeof e === 'object' && 'im:name' in e && !('im:rating' in e)) {
          const name = Label.safeParse(e['im:name']);
          if (name.success) feedNames.set(app.id, name.data.label);
          continue;
        }
        reviews.push(entry);
      }
      const { valid, rejected } = splitValid(reviews, ReviewHead, 'review entry', (e) => {
        const id = (e.id as { label?: unknown } | undefined)?.label;
        return typeof id === 'string' ? appStoreKey(id) : undefined;
      });
      return {
        items: valid.map((v) => ({
          head: v.item,
          raw: v.raw,
          fetchedMs,
          ...(feedUpdated ? { feedUpdated } : {}),
        })),
        rejected,
        next: entries.length > 0 && page < MAX_FEED_PAGES ? String(page + 1) : undefined,
      };
    },
  });

  const queries = config.apps.flatMap((app) =>
    app.countries.map((c) => query(app, c)),
  ) as PolledQuery<unknown>[];
  return pollingSource('appstore', config, queries, deps.now);
}
