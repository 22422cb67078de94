import { FakeStore } from '../shared/contract/fake-platform.ts';
import type { Route } from '../shared/contract/test-server.ts';
import { appStoreAppEntry, appStoreFeed, appStoreReview } from './fixtures.ts';
import { MAX_FEED_PAGES } from './source.ts';

export const FAKE_APP_ID = '1450000000';

/** Entries per feed page here; Apple serves 50, fewer keeps the paging visible in small tests. */
const PER_PAGE = 4;

/**
 * Apple's customer-reviews JSON feed for one app (any storefront): newest first, pages 1–10, page 1 opening
 * with the app's own entry; past the last page the feed has no `entry` at all.
 */
export function fakeAppStore(): { store: FakeStore; route: Route } {
  const store = new FakeStore(
    (id, time) => appStoreReview(id, new Date(time).toISOString()),
    (n) => String(9_000_000_000 + n),
  );
  const route: Route = (req) => {
    const m = /^\/([a-z]{2})\/rss\/customerreviews\/page=(\d+)\/id=(\d+)\/sortby=mostrecent\/json$/.exec(
      req.path,
    );
    if (!m) return { status: 404, body: '<html>Not Found</html>' };
    const [, country, pageText, appId] = m;
    const page = Number(pageText);
    if (appId !== FAKE_APP_ID || page < 1 || page > MAX_FEED_PAGES)
      return { status: 400, body: 'Bad Request' };
    const reviews = store.listing().map((e) => e.payload);
    const entries = reviews.slice((page - 1) * PER_PAGE, page * PER_PAGE);
    if (page === 1) entries.unshift(appStoreAppEntry(appId!, 'Kettlebrew'));
    return {
      body: appStoreFeed(appId!, country!, page, entries),
      headers: { 'content-type': 'text/javascript; charset=utf-8' },
    };
  };
  return { store, route: store.route(route) };
}
