import { describe, expect, it } from 'vitest';
import { Post } from '../../schema/post.ts';
import { interactionsOf, scoringPost, type PostLookup } from './adapters.ts';
import { ScoringEngine } from './engine.ts';

const lookup: PostLookup = {
  authorOfPost: (id) => (id === 'reddit:t3_a' ? 'reddit:ann' : undefined),
  authorOfHandle: (h) => (h === 'bob' ? 'reddit:bob' : undefined),
  isReview: () => false,
};
const base = {
  source: 'reddit',
  text: 'acme kettle u/bob',
  createdAt: '2026-03-05T10:00:00Z',
  fetchedAt: '2026-03-05T12:00:00Z',
  mentions: ['bob'],
};

describe('scoring adapters: a post without an author (schema/post.ts `Author.id`)', () => {
  it('is not scored and reacts to nobody; a post with an author is both', () => {
    const nobody = Post.parse({
      ...base,
      postId: 'reddit:t1_b',
      author: { handle: '' },
      replyTo: { postId: 'reddit:t3_a' },
    });
    const ann = Post.parse({ ...nobody, postId: 'reddit:t1_c', author: { id: 'reddit:cat', handle: 'cat' } });
    expect(interactionsOf(nobody, ['acme'], lookup)).toEqual([]);
    expect(interactionsOf(ann, ['acme'], lookup).map((i) => [i.from, i.to, i.kind])).toEqual([
      ['reddit:cat', 'reddit:ann', 'reply'],
      ['reddit:cat', 'reddit:bob', 'mention'],
    ]);
    const engine = new ScoringEngine();
    engine.ingestPost(scoringPost(nobody, ['acme']));
    expect([...engine.authorIds()]).toEqual([]);
    engine.ingestPost(scoringPost(ann, ['acme']));
    expect([...engine.authorIds()]).toEqual(['reddit:cat']);
  });
});
