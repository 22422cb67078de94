import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { JetstreamSourceConfig } from './config.ts';
import { longText, type RealVariation, type RealVariationSet } from '../shared/contract/real-variation.ts';
import { createJetstreamSource, readCursor } from './source.ts';
import { startJetstreamServer } from './test-server.ts';

/**
 * Jetstream `/subscribe` messages as the service sends them (github.com/bluesky-social/jetstream README;
 * records per the app.bsky.feed.post lexicon): identity and account events, likes and reposts of the other
 * subscribed collections, a delete without record, an update of a post created before the recording, posts
 * without `langs` and with `langs: []`, replies with and without a mention facet, a quote, a quote with
 * images, an image-only post (empty text, the words only in the alt text), facets after multi-byte characters
 * (offsets are UTF-8 bytes), an unreadable facet and one past the end of the text, record `tags`, a
 * `createdAt` a thousand years ahead and one without a zone, a record without text, a text of 120,000
 * characters (a client ignoring the lexicon's limit), a line cut off mid-message and a commit without rkey.
 */
function lines(): string[] {
  const long = JSON.stringify(
    longText(120_000, 'Der Wasserkocher von Kettlebrew piept nachts, ständig, ohne Grund. 😤'),
  );
  return readFileSync(new URL('./fixtures/real-variation.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace('"@@LONG@@"', long));
}

const LAST_TIME_US = 1772704820000000;

const did = {
  zoe: 'did:plc:zoe4k7x3q2mjs',
  ken: 'did:plc:ken8w2p5r1tjs',
  quoter: 'did:plc:quoter000js1',
};
const key = (author: string, rkey: string) => `bluesky:at://${author}/app.bsky.feed.post/${rkey}`;
const ZOE_POST = key(did.zoe, '3mjs00000001');
const KEN_REPLY = key(did.ken, '3mjs00000005');
const QUOTE = key(did.quoter, '3mjs00000009');

export const jetstreamRealVariation = (): RealVariation => ({
  now: Date.parse('2026-03-05T10:01:00Z'),
  serve: () => startJetstreamServer(lines()),
  // The stream never ends: the recording is read once the cursor reaches its last event.
  done: (page) => (readCursor(page.cursor)?.timeUs ?? 0) >= LAST_TIME_US,
  createSource: (url, { pageSize, id }) =>
    createJetstreamSource(
      JetstreamSourceConfig.parse({
        type: 'jetstream',
        id,
        url,
        collections: ['app.bsky.feed.post', 'app.bsky.feed.like', 'app.bsky.feed.repost'],
        pageSize,
        flushMs: 20,
      }),
    ),
  rejected: [/^jetstream message not JSON/, /^jetstream message commit event without did, commit or rkey/],
  expect: () => ({
    [ZOE_POST]: {
      posts: [
        {
          source: 'bluesky',
          url: `https://bsky.app/profile/${did.zoe}/post/3mjs00000001`,
          author: { id: `bluesky:${did.zoe}`, handle: did.zoe, name: '' },
          createdAt: '2026-03-05T10:00:00.900Z',
          lang: 'fr',
          // The mention facet starts after "é" and "🌸": right only when read as UTF-8 byte offsets.
          mentions: ['kettlebrew.com'],
          hashtags: ['kettlebrew'],
          links: ['https://kettlebrew.com/k2'],
        },
      ],
      // A commit event carries no counts and no profile: none is invented.
      check: ([post]) => {
        expect(post!.metrics).toEqual({});
        expect(post!.approximateTime).toBeUndefined();
        expect(post!.author.followers).toBeUndefined();
      },
    },
    [key('did:plc:nolang0000js', '3mjs00000004')]: {
      posts: [{ text: 'Kettlebrew K2 arrived. Lid is loose out of the box.' }],
      check: ([post]) => expect(post!.lang).toBeUndefined(),
    },
    [KEN_REPLY]: {
      posts: [
        {
          replyTo: { postId: ZOE_POST, authorId: `bluesky:${did.zoe}` },
          rootId: ZOE_POST,
          mentions: ['zoe.bsky.social'],
          lang: 'ja',
        },
      ],
    },
    [key(did.zoe, '3mjs00000006')]: {
      posts: [
        {
          replyTo: { postId: KEN_REPLY, authorId: `bluesky:${did.ken}` },
          rootId: ZOE_POST,
          mentions: [],
          lang: 'fr',
        },
      ],
    },
    [QUOTE]: {
      posts: [
        {
          text: '🔥🔥 this, every night 👇',
          quoteOf: { postId: ZOE_POST, authorId: `bluesky:${did.zoe}` },
        },
      ],
      check: ([post]) => expect(post!.replyTo).toBeUndefined(),
    },
    [key('did:plc:imgonly00js1', '3mjs00000010')]: {
      // The text is what the author wrote (nothing); the alt text is not made into one.
      posts: [{ text: '', mentions: [], hashtags: [], links: [] }],
      check: ([post]) => {
        expect(post!.lang).toBeUndefined();
        expect(post!.quoteOf).toBeUndefined();
      },
    },
    [key(did.ken, '3mjs00000000')]: {
      // An update: the edited record, under the key of the post it replaces.
      posts: [{ text: 'Edit: Kettlebrew replaced my K2 after all.', createdAt: '2026-03-05T09:30:00.000Z' }],
    },
    [key('did:plc:notext000js1', '3mjs00000015')]: { dlq: /commit\.record\.text/ },
    [key('did:plc:longpost0js1', '3mjs00000016')]: {
      posts: [{ truncated: true, lang: 'de' }],
      check: ([post]) => expect(post!.text).toHaveLength(100_000),
    },
    [key('did:plc:clock0000js1', '3mjs00000017')]: {
      // A client clock a thousand years ahead: the time Jetstream saw the commit, flagged approximate.
      posts: [{ createdAt: '2026-03-05T10:00:17.000Z', approximateTime: true }],
    },
    [key('did:plc:nozone000js1', '3mjs00000018')]: {
      // No zone in createdAt: the zone is unknown, so the commit time stands in.
      posts: [{ createdAt: '2026-03-05T10:00:18.000Z', approximateTime: true }],
    },
    [key('did:plc:qmedia000js1', '3mjs00000019')]: {
      posts: [
        {
          quoteOf: { postId: QUOTE, authorId: `bluesky:${did.quoter}` },
          // The facet past the end of the text covers nothing: the mentioned DID stands in for a handle.
          mentions: ['kettlebrew.com', 'did:plc:outofrange01'],
          hashtags: ['kettlebrewfail'],
          // The facet with a negative offset is left out, not the post.
          links: [],
        },
      ],
    },
    [key('did:plc:linkcard0js1', '3mjs00000020')]: {
      posts: [{ links: ['https://reviews.example/kettlebrew-k2'] }],
    },
  }),
});

/** The stream's real-variation set (it has no polling contract; platforms/jetstream/contract.ts names it). */
export const jetstreamRealVariationSet: RealVariationSet = {
  name: 'jetstream',
  realVariation: jetstreamRealVariation,
};
