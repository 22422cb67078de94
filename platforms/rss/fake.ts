import { FakeStore } from '../shared/contract/fake-platform.ts';
import type { Reply, Route } from '../shared/contract/test-server.ts';
import { rss2 } from './fixtures.ts';

/** A publisher's RSS 2.0 feed with an ETag (answering 304 to a matching If-None-Match). */
export function fakeFeed(): { store: FakeStore; route: Route } {
  const store = new FakeStore((id, time) => ({ id, time }));
  const route: Route = (req): Reply => {
    if (req.path !== '/feed.xml') return { status: 404, body: 'not found' };
    const entries = store.items.map((i) => ({ id: i.id, time: i.time }));
    const malformed = store.malformed.map((m) => String(m.payload)).join('\n');
    const etag = `"v${entries.length}-${store.malformed.length}"`;
    if (req.headers['if-none-match'] === etag) return { status: 304, headers: { etag } };
    return {
      body: rss2(entries, malformed),
      headers: {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag,
        'last-modified': new Date().toUTCString(),
      },
    };
  };
  return { store, route: store.route(route) };
}
