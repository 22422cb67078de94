import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Post } from '../../schema/post.ts';
import { normalizeLemmy } from './normalize.ts';

const read = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8')) as Record<
    string,
    unknown[]
  >;
const posts = read('post-list.json').posts!;
const comments = read('comment-list.json').comments!;
const envelope = {
  source: 'lemmy',
  fetchedAt: '2026-03-05T12:00:00.000Z',
  origin: 'https://lemmy.example',
  payload: null,
};
const normalize = (payload: unknown) => {
  const result = normalizeLemmy(payload, envelope);
  if ('error' in result) throw new Error(result.error);
  return Post.parse(result.posts[0]);
};

describe('lemmy normaliser', () => {
  it('a post: title and body, the global actor as author, zone-less time read as UTC, links and mentions', () => {
    expect(normalize(posts[0])).toMatchObject({
      postId: 'lemmy:lemmy.example:post/501',
      url: 'https://lemmy.example/post/501',
      author: { id: 'lemmy:https://lemmy.world/u/ana', handle: 'ana@lemmy.world', name: '', bot: false },
      text: expect.stringMatching(/^Kettlebrew app update broke pairing\n\nAfter 3\.2/),
      createdAt: '2026-03-05T09:00:00.123Z',
      links: ['https://news.example/kettlebrew-update', 'https://kettlebrew.example/changelog'],
      mentions: ['support@lemmy.kettlebrew.example'],
      metrics: { likes: 17, replies: 2 },
    });
  });

  it('comments keep the tree: a top-level comment answers the post, a nested one its parent comment', () => {
    const top = normalize(comments[1]);
    expect(top).toMatchObject({
      postId: 'lemmy:lemmy.example:comment/9001',
      replyTo: { postId: 'lemmy:lemmy.example:post/501' },
      rootId: 'lemmy:lemmy.example:post/501',
      author: { handle: 'bot3000@lemmy.example', bot: true },
    });
    expect(normalize(comments[0])).toMatchObject({
      replyTo: { postId: 'lemmy:lemmy.example:comment/9001' },
      rootId: 'lemmy:lemmy.example:post/501',
    });
  });

  it('counts: missing aggregates are absent, reported zeros stay 0, and Lemmy has no reposts', () => {
    expect(normalize(posts[0]).metrics).toEqual({ likes: 17, replies: 2 });
    const post = posts[0] as Record<string, unknown>;
    expect(normalize({ ...post, counts: null }).metrics).toEqual({});
    expect(normalize({ ...post, counts: { upvotes: 0 } }).metrics).toEqual({ likes: 0 });
    const comment = comments[1] as Record<string, unknown>;
    expect(normalize({ ...comment, counts: { child_count: 0 } }).metrics).toEqual({ replies: 0 });
  });

  it('rejects a comment without path or time, and an item without its instance', () => {
    expect(normalizeLemmy(comments[2], envelope)).toEqual({ error: expect.stringContaining('comment.path') });
    const { origin: _o, ...bare } = envelope;
    expect(normalizeLemmy(posts[0], bare)).toEqual({ error: expect.stringContaining('origin') });
  });
});
