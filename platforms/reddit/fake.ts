import { FakeStore } from '../shared/contract/fake-platform.ts';
import type { Route } from '../shared/contract/test-server.ts';
import { redditComment, redditListing, redditSubmission } from './fixtures.ts';

/**
 * reddit.com's JSON API: `/r/:sub/new.json`, `/search.json` (newest first, `limit`, `after` = fullname of the
 * last child), `/comments/:id.json` ([submission listing, comment tree]), the client-credentials token
 * endpoint and the `x-ratelimit-*` headers.
 */
export function fakeReddit(): { store: FakeStore; route: Route; tokens: string[] } {
  const store = new FakeStore(
    (id, time) => redditSubmission(id, time),
    (n) => `k${(1000 + n).toString(36)}`,
  );
  const tokens: string[] = [];
  const route: Route = (req) => {
    if (req.path === '/api/v1/access_token') {
      tokens.push(String(req.headers.authorization));
      return { body: { access_token: 'tok-123', token_type: 'bearer', expires_in: 86400, scope: '*' } };
    }
    const comments = /^\/comments\/(\w+)\.json$/.exec(req.path);
    if (comments) {
      const sub = store.items.find((i) => i.id === comments[1]);
      if (!sub) return { status: 404, body: { message: 'Not Found', error: 404 } };
      const reply = redditComment('c2', sub.time + 120_000, 't1_c1', `t3_${sub.id}`);
      const top = redditComment('c1', sub.time + 60_000, `t3_${sub.id}`, `t3_${sub.id}`, {
        replies: redditListing([reply, { kind: 'more', data: { count: 3, children: ['c9'] } }]),
      });
      return { body: [redditListing([sub.payload]), redditListing([top])] };
    }
    if (!/^(\/r\/\w+)?\/(new|search)\.json$/.test(req.path))
      return { status: 404, body: { message: 'Not Found', error: 404 } };
    const limit = Number(req.query.get('limit') ?? 25);
    const after = req.query.get('after');
    const entries = store.listing();
    const start = after ? entries.findIndex((e) => e.item && `t3_${e.item.id}` === after) + 1 : 0;
    const page = entries.slice(start, start + limit);
    const last = page.at(-1)?.item;
    const more = start + limit < entries.length;
    return {
      body: redditListing(
        page.map((e) => e.payload),
        more && last ? `t3_${last.id}` : null,
      ),
      headers: { 'x-ratelimit-used': '4', 'x-ratelimit-remaining': '96.0', 'x-ratelimit-reset': '420' },
    };
  };
  return { store, route: store.route(route), tokens };
}
