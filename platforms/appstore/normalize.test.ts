import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Post } from '../../schema/post.ts';
import { normalizeAppStore } from './normalize.ts';

const feed = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/reviews-page-1.json', import.meta.url)), 'utf8'),
) as { feed: { entry: unknown[] } };
const envelope = { source: 'appstore', fetchedAt: '2026-03-05T12:00:00.000Z', payload: null };
const app = { id: '1450000000', country: 'us', name: 'Kettlebrew' };

describe('app store normaliser', () => {
  it('makes a review post: stars, product, title, reviewer id, UTC time', () => {
    const result = normalizeAppStore({ app, entry: feed.feed.entry[1] }, envelope);
    if ('error' in result) throw new Error(result.error);
    const post = Post.parse(result.posts[0]);
    expect(post).toMatchObject({
      postId: 'appstore:11223344556',
      source: 'appstore',
      author: { id: 'appstore:id987654321', handle: 'Mila K', name: 'Mila K' },
      text: 'Broke after a week. The Kettlebrew app lost my kettle again. Support never answers.',
      createdAt: '2026-03-05T10:12:44.000Z',
      review: { rating: 1, maxRating: 5, product: 'Kettlebrew', title: 'Broke after a week' },
    });
    // Helpful votes are the only count the feed carries: no reposts or replies are invented.
    expect(post.metrics).toEqual({ likes: 2 });
    expect(post.review!.ownerReply).toBeUndefined();
    expect(post.replyTo).toBeUndefined();
  });

  it('counts: without a readable im:voteSum the likes are absent, a reported "0" stays 0', () => {
    const entry = feed.feed.entry[1] as Record<string, unknown>;
    const likes = (e: Record<string, unknown>) => {
      const result = normalizeAppStore({ app, entry: e }, envelope);
      if ('error' in result) throw new Error(result.error);
      return Post.parse(result.posts[0]).metrics;
    };
    const { 'im:voteSum': _v, ...noVotes } = entry;
    expect(likes(noVotes)).toEqual({});
    expect(likes({ ...entry, 'im:voteSum': { label: '' } })).toEqual({});
    expect(likes({ ...entry, 'im:voteSum': { label: '-1' } })).toEqual({});
    expect(likes({ ...entry, 'im:voteSum': { label: '0' } })).toEqual({ likes: 0 });
  });

  it('keeps an untitled review as its content and falls back to the app id for the product', () => {
    const result = normalizeAppStore(
      { app: { id: '1450000000', country: 'us' }, entry: feed.feed.entry[2] },
      envelope,
    );
    if ('error' in result) throw new Error(result.error);
    expect(result.posts[0]).toMatchObject({
      text: 'Perfect tea every morning ☕',
      review: { rating: 5, product: 'App Store app 1450000000', title: undefined },
    });
  });

  it('rejects an entry without a rating, and a bare entry without its app, naming the field', () => {
    expect(normalizeAppStore({ app, entry: feed.feed.entry[3] }, envelope)).toEqual({
      error: expect.stringContaining('im:rating'),
    });
    expect(normalizeAppStore(feed.feed.entry[1], envelope)).toEqual({
      error: expect.stringContaining('app'),
    });
  });
});
