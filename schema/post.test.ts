import { describe, expect, it } from 'vitest';
import { Post } from './post.ts';
import { postExamples } from './examples.ts';

const valid = postExamples[0];

describe('Post contract', () => {
  it('fills defaults', () => {
    const { mentions: _m, hashtags: _h, links: _l, metrics: _x, ...minimal } = valid;
    const post = Post.parse(minimal);
    expect(post.mentions).toEqual([]);
    expect(post.metrics).toEqual({ likes: 0, reposts: 0, replies: 0 });
  });

  it.each([
    ['postId without source prefix', { postId: 'other:1' }, 'postId'],
    ['postId without colon', { postId: 'abc' }, 'postId'],
    ['createdAt not a date', { createdAt: 'yesterday' }, 'createdAt'],
    ['negative likes', { metrics: { likes: -1, reposts: 0, replies: 0 } }, 'metrics'],
    ['text not a string', { text: 42 }, 'text'],
  ])('rejects %s and names the field', (_name, patch, field) => {
    const parsed = Post.safeParse({ ...valid, ...patch });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});
