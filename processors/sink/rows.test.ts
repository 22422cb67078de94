import { describe, expect, it } from 'vitest';
import { mentionExamples } from '../../schema/examples.ts';
import { Mention } from '../../schema/mention.ts';
import { Post } from '../../schema/post.ts';
import { mentionFromRow, mentionRow, postRow, type MentionRow } from './rows.ts';

describe('mention rows', () => {
  it('round-trips a mention through its ClickHouse row (as JSONEachRow returns it)', () => {
    const mention = Mention.parse({
      ...mentionExamples[0],
      advocacy: 'promoter',
      reviewRating: 2,
      authorTrust: 71,
    });
    const row = mentionRow(mention);
    expect(row).toMatchObject({
      direction: 'customer_to_brand',
      mode: 'twoway',
      emotion_sadness: 0.4,
      emotion_joy: 0,
    });
    // ClickHouse answers DateTime as 'YYYY-MM-DD hh:mm:ss' and UInt64 as a string.
    const returned: MentionRow = { ...row, version: String(row.version) };
    expect(mentionFromRow(returned)).toEqual(mention);
  });
});

describe('post rows', () => {
  it('a post without an author (a deleted account) has an empty author_id', () => {
    const post = Post.parse({
      postId: 'reddit:t1_x',
      source: 'reddit',
      author: { handle: '' },
      text: 'same here',
      createdAt: '2026-03-05T10:00:00Z',
      fetchedAt: '2026-03-05T12:00:00Z',
    });
    expect(postRow(post)).toMatchObject({ author_id: '', author_handle: '' });
  });

  it('writes NULL for a count the platform did not report and 0 for a reported 0', () => {
    const base = {
      postId: 'hackernews:1',
      source: 'hackernews',
      author: { handle: 'a' },
      text: 'x',
      createdAt: '2026-03-05T10:00:00Z',
      fetchedAt: '2026-03-05T12:00:00Z',
    };
    expect(postRow(Post.parse(base))).toMatchObject({
      likes: null,
      reposts: null,
      replies: null,
      quotes: null,
      views: null,
    });
    expect(postRow(Post.parse({ ...base, metrics: { likes: 0, replies: 4 } }))).toMatchObject({
      likes: 0,
      reposts: null,
      replies: 4,
      quotes: null,
    });
  });
});
