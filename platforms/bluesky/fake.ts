import { FakeStore } from '../shared/contract/fake-platform.ts';
import type { Route } from '../shared/contract/test-server.ts';

export const FAKE_DID = 'did:plc:fakeauthor01';
export const fakePostUri = (rkey: string) => `at://${FAKE_DID}/app.bsky.feed.post/${rkey}`;

/** A PostView as `app.bsky.feed.searchPosts` returns it (lexicon app.bsky.feed.defs#postView). */
export function blueskyPostView(rkey: string, createdAt: string, text = `Kettlebrew post ${rkey}`) {
  return {
    uri: fakePostUri(rkey),
    cid: `bafyrei${rkey}`,
    author: {
      did: FAKE_DID,
      handle: 'ana.bsky.social',
      displayName: 'Ana',
      labels: [],
      createdAt: '2024-02-01T00:00:00.000Z',
    },
    record: { $type: 'app.bsky.feed.post', text, createdAt, langs: ['en'] },
    replyCount: 0,
    repostCount: 1,
    likeCount: 3,
    quoteCount: 0,
    indexedAt: createdAt,
    labels: [],
  };
}

/**
 * The public AppView's searchPosts: `sort=latest` (newest first), `since` (inclusive, by sortAt), `limit`
 * and an opaque `cursor` (here an offset, as the real service uses), absent on the last page.
 */
export function fakeBluesky(): { store: FakeStore; route: Route } {
  const store = new FakeStore(
    (id, time) => blueskyPostView(id, new Date(time).toISOString()),
    (n) => `3lk${1000 + n}`,
  );
  const route: Route = (req) => {
    if (req.path !== '/xrpc/app.bsky.feed.searchPosts')
      return { status: 404, body: { error: 'MethodNotImplemented', message: 'Method Not Implemented' } };
    if (!req.query.get('q'))
      return { status: 400, body: { error: 'InvalidRequest', message: 'Error: q is required' } };
    const since = req.query.has('since') ? Date.parse(req.query.get('since')!) : -Infinity;
    const limit = Math.min(100, Number(req.query.get('limit') ?? 25));
    const offset = Number(req.query.get('cursor') ?? 0);
    const entries = store.listing().filter((e) => e.time >= since);
    const page = entries.slice(offset, offset + limit);
    const more = offset + limit < entries.length;
    return {
      body: {
        posts: page.map((e) => e.payload),
        hitsTotal: entries.length,
        ...(more ? { cursor: String(offset + limit) } : {}),
      },
      headers: { 'ratelimit-limit': '3000', 'ratelimit-remaining': '2999', 'ratelimit-policy': '3000;w=300' },
    };
  };
  return { store, route: store.route(route) };
}
