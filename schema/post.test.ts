import { describe, expect, it } from 'vitest';
import { Post } from './post.ts';
import { postExamples } from './examples.ts';

const valid = postExamples[0];

describe('Post contract', () => {
  it('fills defaults', () => {
    const { mentions: _m, hashtags: _h, links: _l, metrics: _x, ...minimal } = valid;
    const post = Post.parse(minimal);
    expect(post.mentions).toEqual([]);
    // No counts reported: none invented.
    expect(post.metrics).toEqual({});
  });

  it('keeps unknown counts absent and reported zeros as 0', () => {
    const post = Post.parse({ ...valid, metrics: { likes: 0, replies: 3 } });
    expect(post.metrics).toEqual({ likes: 0, replies: 3 });
    expect(post.metrics).not.toHaveProperty('reposts');
    expect(post.metrics).not.toHaveProperty('quotes');
  });

  it.each([
    ['postId without source prefix', { postId: 'other:1' }, 'postId'],
    ['postId without colon', { postId: 'abc' }, 'postId'],
    ['createdAt not a date', { createdAt: 'yesterday' }, 'createdAt'],
    ['negative likes', { metrics: { likes: -1, reposts: 0, replies: 0 } }, 'metrics'],
    ['replies over UInt32', { metrics: { replies: 2 ** 32 } }, 'metrics'],
    ['fractional reposts', { metrics: { reposts: 1.5 } }, 'metrics'],
    ['text not a string', { text: 42 }, 'text'],
  ])('rejects %s and names the field', (_name, patch, field) => {
    const parsed = Post.safeParse({ ...valid, ...patch });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});
