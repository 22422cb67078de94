import { expect } from 'vitest';
import { longText, readFixture, type RealVariation } from '../shared/contract/real-variation.ts';
import { blueskyKey } from './keys.ts';

/**
 * searchPosts results as the AppView serves them: `quoteCount`, missing counts (optional integers in
 * `app.bsky.feed.defs#postView`, left out rather than null), facets after
 * multi-byte characters, a reply without a mention, a post taken down by the moderation labeler, a
 * `createdAt` a thousand years ahead (a client's clock), a text of 120,000 characters (written by a client that ignores the
 * lexicon's limit), and a view without its author.
 */
function page(): unknown {
  return readFixture(new URL('./fixtures/real-variation.json', import.meta.url), {
    LONG: longText(120_000, 'Der Wasserkocher von Kettlebrew piept nachts, ständig, ohne Grund. 😤'),
  });
}

const uri = (did: string, rkey: string) => `at://${did}/app.bsky.feed.post/${rkey}`;

export const blueskyRealVariation = (): RealVariation => ({
  now: Date.parse('2026-03-05T12:00:00Z'),
  route: (req) =>
    req.path === '/xrpc/app.bsky.feed.searchPosts' && !req.query.has('cursor')
      ? { body: page() }
      : { body: { posts: [] } },
  rejected: [/author/],
  expect: () => ({
    [blueskyKey(uri('did:plc:zoe4k7x3q2m', '3lrv000000001'))]: {
      posts: [
        {
          metrics: { likes: 9, reposts: 1, replies: 2, quotes: 3 },
          mentions: ['kettlebrew.com'],
          hashtags: ['kettlebrew'],
          lang: 'fr',
          author: { name: 'Zoé 🌸', verified: false },
        },
      ],
    },
    [blueskyKey(uri('did:plc:sam77aa2b3c', '3lrv000000002'))]: {
      posts: [
        {
          replyTo: {
            postId: blueskyKey(uri('did:plc:zoe4k7x3q2m', '3lrv000000001')),
            authorId: 'bluesky:did:plc:zoe4k7x3q2m',
          },
          mentions: [],
        },
      ],
      // A post view without counts (all optional in the lexicon): unknown, not zeros.
      check: ([post]) => expect(post!.metrics).toEqual({}),
    },
    [blueskyKey(uri('did:plc:spam0000001', '3lrv000000003'))]: { skipped: /labelled !takedown/ },
    [blueskyKey(uri('did:plc:old0000time', '3lrv000000004'))]: {
      posts: [{ createdAt: '2026-03-05T11:10:00.000Z', approximateTime: true }],
      // Reported zeros stay 0; the quote count not served stays absent.
      check: ([post]) => expect(post!.metrics).toEqual({ likes: 1, reposts: 0, replies: 0 }),
    },
    [blueskyKey(uri('did:plc:longpost001', '3lrv000000005'))]: {
      posts: [{ truncated: true, lang: 'de' }],
      check: ([post]) => expect(post!.text).toHaveLength(100_000),
    },
  }),
});
