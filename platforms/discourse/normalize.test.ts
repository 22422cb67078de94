import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Post } from '../../schema/post.ts';
import { normalizeDiscourse } from './normalize.ts';

const topic = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/topic-123.json', import.meta.url)), 'utf8'),
) as { title: string; slug: string; post_stream: { posts: unknown[] } };
const ref = { id: 123, title: topic.title, slug: topic.slug };
const envelope = {
  source: 'discourse',
  fetchedAt: '2026-03-05T12:00:00.000Z',
  origin: 'https://forum.kettlebrew.example',
  payload: null,
};
const normalize = (i: number) => {
  const result = normalizeDiscourse({ topic: ref, post: topic.post_stream.posts[i] }, envelope);
  if ('error' in result) throw new Error(result.error);
  return Post.parse(result.posts[0]);
};
const id = (n: number) => `discourse:forum.kettlebrew.example:123/${n}`;

describe('discourse normaliser', () => {
  it('opens the thread with the topic title, no parent, and the author data the forum offers', () => {
    expect(normalize(0)).toMatchObject({
      postId: id(1),
      url: 'https://forum.kettlebrew.example/t/kettlebrew-will-not-pair-after-update/123/1',
      author: { id: 'discourse:forum.kettlebrew.example:u41', handle: 'mila', name: 'Mila K', bot: false },
      text: "Kettlebrew will not pair after update\n\nSince the last update my Kettlebrew won't pair. Anyone else? See status page",
      links: ['https://kettlebrew.example/status'],
      metrics: { likes: 3, replies: 2, views: 40 },
    });
    expect(normalize(0).replyTo).toBeUndefined();
    expect(normalize(0).rootId).toBeUndefined();
  });

  it('a post replying to no post answers the topic (post 1); mentions and tags come from the cooked HTML', () => {
    expect(normalize(1)).toMatchObject({
      replyTo: { postId: id(1) },
      rootId: id(1),
      mentions: ['mila'],
      hashtags: ['pairing'],
      text: 'Hi @mila, we are on it. Follow pairing',
    });
  });

  it('keeps the reply-to number and the quote as structure, not as the author’s text', () => {
    const post = normalize(2);
    expect(post).toMatchObject({
      replyTo: { postId: id(2) },
      rootId: id(1),
      quoteOf: { postId: id(2) },
      text: 'Same here & it still fails, @mila did you reset?',
      mentions: ['mila'],
      metrics: { likes: 5 },
      author: { id: 'discourse:forum.kettlebrew.example:u55', name: '' },
    });
  });

  it('counts: no reposts on a forum; without actions_summary or reply_count those are absent, an empty summary is 0 likes', () => {
    expect(normalize(0).metrics).toEqual({ likes: 3, replies: 2, views: 40 });
    const base = topic.post_stream.posts[0] as Record<string, unknown>;
    const metrics = (p: Record<string, unknown>) => {
      const result = normalizeDiscourse({ topic: ref, post: p }, envelope);
      if ('error' in result) throw new Error(result.error);
      return Post.parse(result.posts[0]).metrics;
    };
    const { actions_summary: _a, reply_count: _r, reads: _v, ...bare } = base;
    expect(metrics(bare)).toEqual({});
    expect(metrics({ ...bare, actions_summary: null, reply_count: null, reads: null })).toEqual({});
    expect(metrics({ ...bare, actions_summary: [], reply_count: 0, reads: 0 })).toEqual({
      likes: 0,
      replies: 0,
      views: 0,
    });
    // A like entry without its count (only `can_act`) says nothing about the number.
    expect(metrics({ ...bare, actions_summary: [{ id: 2, can_act: true }] })).toEqual({});
  });

  it('rejects a post without author or time, and a payload without its forum origin', () => {
    expect(normalizeDiscourse({ topic: ref, post: topic.post_stream.posts[4] }, envelope)).toEqual({
      error: expect.stringContaining('username'),
    });
    const { origin: _origin, ...bare } = envelope;
    expect(normalizeDiscourse({ topic: ref, post: topic.post_stream.posts[0] }, bare)).toEqual({
      error: expect.stringContaining('origin'),
    });
  });
});

describe('discourse posts that are not posts', () => {
  const post = (extra: Record<string, unknown>) => ({
    id: 77,
    topic_id: 123,
    post_number: 5,
    created_at: '2026-03-05T10:00:00.000Z',
    username: 'system',
    cooked: '<p>This topic is now pinned. It will appear at the top of its category.</p>',
    ...extra,
  });
  it.each([
    [2, /moderator action/],
    [3, /small action/],
    [4, /staff whisper/],
  ])(
    'post_type %i is skipped with its reason, even when pushed without the connector',
    (postType, reason) => {
      const result = normalizeDiscourse({ topic: ref, post: post({ post_type: postType }) }, envelope);
      expect(result).toEqual({ posts: [], skipped: expect.stringMatching(reason) });
    },
  );
  it('a post deleted by its author is skipped; a regular post is kept', () => {
    const deleted = post({
      post_type: 1,
      deleted_at: '2026-03-05T10:05:00Z',
      cooked: '<p>(post deleted by author)</p>',
    });
    expect(normalizeDiscourse({ topic: ref, post: deleted }, envelope)).toMatchObject({ skipped: /deleted/ });
    const regular = normalizeDiscourse({ topic: ref, post: post({ post_type: 1 }) }, envelope);
    expect('posts' in regular && regular.posts).toHaveLength(1);
  });
});
