import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Post } from '../../schema/post.ts';
import type { RawEnvelope } from '../../schema/raw-envelope.ts';
import { facetsOf, normalizeBluesky, normalizeJetstream } from './normalize.ts';

const fixture = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const page1 = JSON.parse(readFileSync(fixture('bluesky/fixtures/search-page-1.json'), 'utf8')) as {
  posts: unknown[];
};
const page2 = JSON.parse(readFileSync(fixture('bluesky/fixtures/search-page-2.json'), 'utf8')) as {
  posts: unknown[];
};
const events = readFileSync(fixture('jetstream/fixtures/events.jsonl'), 'utf8').split('\n').filter(Boolean);

const envelope = (source: string, payload: unknown): RawEnvelope => ({
  source,
  fetchedAt: '2026-03-05T11:00:00.000Z',
  payload,
});

function posts(result: ReturnType<typeof normalizeBluesky>): Post[] {
  if ('error' in result) throw new Error(result.error);
  return result.posts.map((p) => Post.parse(p));
}

describe('bluesky normaliser (searchPosts PostView)', () => {
  it('keeps the reply chain, mentions by handle, tags, links and author data', () => {
    const [reply] = posts(normalizeBluesky(page1.posts[0], envelope('bluesky', page1.posts[0])));
    expect(reply).toMatchObject({
      postId: 'bluesky:at://did:plc:alice2k7x3q/app.bsky.feed.post/3lalice00003',
      source: 'bluesky',
      url: 'https://bsky.app/profile/alice.bsky.social/post/3lalice00003',
      author: {
        id: 'bluesky:did:plc:alice2k7x3q',
        handle: 'alice.bsky.social',
        name: 'Alice Ng',
        createdAt: '2023-05-02T10:11:12.000Z',
        bot: false,
      },
      lang: 'en',
      createdAt: '2026-03-05T10:03:00.000Z',
      replyTo: {
        postId: 'bluesky:at://did:plc:acmebrand01/app.bsky.feed.post/3lbrandpar33',
        authorId: 'bluesky:did:plc:acmebrand01',
      },
      rootId: 'bluesky:at://did:plc:acmebrand01/app.bsky.feed.post/3lbrandroot22',
      mentions: ['acme.bsky.social'],
      hashtags: ['fail'],
      links: ['https://acme.example/support'],
      metrics: { likes: 4, reposts: 0, replies: 1 },
    });
    expect(reply!.author.verified).toBeUndefined();
    expect(reply!.quoteOf).toBeUndefined();
  });

  it('turns a record embed into quoteOf and reads verification and the bot self-label', () => {
    const [quote] = posts(normalizeBluesky(page1.posts[1], envelope('bluesky', page1.posts[1])));
    expect(quote!.quoteOf).toEqual({
      postId: 'bluesky:at://did:plc:alice2k7x3q/app.bsky.feed.post/3lalice00001',
      authorId: 'bluesky:did:plc:alice2k7x3q',
    });
    expect(quote!.replyTo).toBeUndefined();
    expect(quote!.author).toMatchObject({ verified: true, bot: true, name: 'Bob' });
    expect(quote!.metrics).toEqual({ likes: 7, reposts: 2, replies: 0, quotes: 1 });
  });

  it('counts: a null or missing count is absent, a reported 0 stays 0', () => {
    const view = {
      ...(page1.posts[0] as Record<string, unknown>),
      likeCount: null,
      repostCount: 0,
      replyCount: undefined,
      quoteCount: undefined,
    };
    const [post] = posts(normalizeBluesky(view, envelope('bluesky', view)));
    expect(post!.metrics).toEqual({ reposts: 0 });
  });

  it('reads a quote with media, its external link, and a creation time with an offset', () => {
    const [post] = posts(normalizeBluesky(page1.posts[2], envelope('bluesky', page1.posts[2])));
    expect(post!.quoteOf?.postId).toBe('bluesky:at://did:plc:acmebrand01/app.bsky.feed.post/3lbrandroot22');
    expect(post!.links).toEqual(['https://news.example/acme-recall']);
    expect(post!.createdAt).toBe('2026-03-05T09:01:00.000Z');
    expect(post!.author).toMatchObject({ id: 'bluesky:did:web:carol.example.org', name: '' });
  });

  it('rejects a post view without an author, naming the field', () => {
    const result = normalizeBluesky(page2.posts[1], envelope('bluesky', page2.posts[1]));
    expect(result).toEqual({ error: expect.stringContaining('author') });
  });

  it('finds a mention after multi-byte characters by byte offsets', () => {
    const text = 'héllo 👋 @bob.test!';
    const start = Buffer.byteLength('héllo 👋 ');
    const facets = [
      {
        index: { byteStart: start, byteEnd: start + Buffer.byteLength('@bob.test') },
        features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:bob' }],
      },
    ];
    expect(facetsOf({ text, facets }).mentions).toEqual(['bob.test']);
  });
});

describe('jetstream normaliser (firehose commit)', () => {
  const event = (i: number) => JSON.parse(events[i]!) as unknown;

  it('makes a bluesky post keyed like search results, with the DID standing in for the handle', () => {
    const [post] = posts(normalizeJetstream(event(0), envelope('jetstream', event(0))));
    expect(post).toMatchObject({
      postId: 'bluesky:at://did:plc:dave00000001/app.bsky.feed.post/3ldave000001',
      source: 'bluesky',
      author: { id: 'bluesky:did:plc:dave00000001', handle: 'did:plc:dave00000001', name: '' },
      createdAt: '2026-03-05T10:00:00.050Z',
      mentions: ['acme.bsky.social'],
    });
    // A commit event carries no counts: none is invented.
    expect(post!.metrics).toEqual({});
  });

  it('keeps reply and quote structure', () => {
    const [reply] = posts(normalizeJetstream(event(3), envelope('jetstream', event(3))));
    expect(reply!.replyTo).toEqual({
      postId: 'bluesky:at://did:plc:dave00000001/app.bsky.feed.post/3ldave000001',
      authorId: 'bluesky:did:plc:dave00000001',
    });
    expect(reply!.rootId).toBe('bluesky:at://did:plc:dave00000001/app.bsky.feed.post/3ldave000001');
    const [quote] = posts(normalizeJetstream(event(7), envelope('jetstream', event(7))));
    expect(quote!.quoteOf?.authorId).toBe('bluesky:did:plc:dave00000001');
  });

  it('rejects a record without text and a line that is not JSON, with the reason', () => {
    expect(normalizeJetstream(event(6), envelope('jetstream', event(6)))).toEqual({
      error: expect.stringContaining('commit.record.text'),
    });
    const broken = events[8]!;
    expect(normalizeJetstream(broken, envelope('jetstream', broken))).toEqual({
      error: expect.stringContaining('not JSON'),
    });
  });
});
