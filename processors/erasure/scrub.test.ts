import { describe, expect, it } from 'vitest';
import type { Erasure } from '../../schema/erasure.ts';
import { erasureHash } from '../../schema/erasure.ts';
import { Post } from '../../schema/post.ts';
import { Interaction, Mention } from '../../schema/mention.ts';
import { interactionExamples, mentionExamples, postExamples } from '../../schema/examples.ts';
import { ErasureSet } from './erasure-set.ts';
import { deadLetterNamesErased, scrubInteraction, scrubMention, scrubPost, scrubText } from './scrub.ts';

function erasedSet(id: string, handles: string[]): ErasureSet {
  const set = new ErasureSet();
  const e: Erasure = {
    kind: 'erasure',
    authorIdHash: erasureHash(id),
    handleHashes: handles.map((h) => erasureHash(h, 'handle')),
    source: 'simulator',
    requestedAt: '2026-03-02T10:00:00.000Z',
  };
  expect(set.add(JSON.stringify(e))).toBeDefined();
  expect(set.add(JSON.stringify(e))).toBeUndefined(); // known already
  return set;
}

const anna = erasedSet('simulator:u42', ['anna', 'Alice@Social.Example']);
const example = Post.parse(postExamples[0]);
const post: Post = { ...example, author: { ...example.author, id: 'simulator:u7', handle: 'bob' } };

describe('erasure scrubbing', () => {
  it('matches ids and handles case-insensitively, by hash only', () => {
    expect(anna.isErasedAuthor('simulator:u42')).toBe(true);
    expect(anna.isErasedAuthor('SIMULATOR:U42')).toBe(true);
    expect(anna.isErasedAuthor('simulator:u421')).toBe(false);
    expect(anna.isErasedHandle('@Anna')).toBe(true);
    expect(anna.isErasedHandle('annabel')).toBe(false);
    expect(new ErasureSet().isErasedAuthor('simulator:u42')).toBe(false);
    expect(anna.add('not json')).toBeUndefined();
    expect(anna.add(JSON.stringify({ kind: 'erasure', authorIdHash: 'x' }))).toBeUndefined();
  });

  it('replaces @-references to erased handles only, keeping punctuation', () => {
    expect(scrubText('hi @anna, @annabel and @Anna. @anna.smith @alice@social.example!', anna)).toBe(
      'hi @[erased], @annabel and @[erased]. @anna.smith @[erased]!',
    );
    expect(scrubText('no handles here', anna)).toBe('no handles here');
  });

  it('drops posts by the erased author and reposts of them, scrubs references in the others', () => {
    expect(scrubPost({ ...post, author: { ...post.author, id: 'simulator:u42' } }, anna)).toBeUndefined();
    expect(
      scrubPost({ ...post, repostOf: { postId: 'simulator:9', authorId: 'simulator:u42' } }, anna),
    ).toBeUndefined();
    const other = scrubPost(
      {
        ...post,
        text: '@anna is right',
        mentions: ['anna', 'bob'],
        replyTo: { postId: 'simulator:9', authorId: 'simulator:u42' },
        quoteOf: { postId: 'simulator:8', authorId: 'simulator:u7' },
      },
      anna,
    )!;
    expect(other.text).toBe('@[erased] is right');
    expect(other.mentions).toEqual(['bob']);
    expect(other.replyTo).toEqual({ postId: 'simulator:9' });
    expect(other.quoteOf).toEqual({ postId: 'simulator:8', authorId: 'simulator:u7' });
    expect(Post.safeParse(other).success).toBe(true);
    // Nothing erased: the same object back.
    expect(scrubPost(post, new ErasureSet())).toBe(post);
  });

  it('drops mentions and interactions that involve the erased author', () => {
    const m = Mention.parse(mentionExamples[0]); // authorId simulator:u42
    expect(scrubMention(m, anna)).toBeUndefined();
    expect(scrubMention({ ...m, authorId: 'simulator:u1', text: 'thanks @anna' }, anna)?.text).toBe(
      'thanks @[erased]',
    );
    const i = Interaction.parse(interactionExamples[0]); // to simulator:u42
    expect(scrubInteraction(i, anna)).toBeUndefined();
    expect(scrubInteraction({ ...i, to: 'simulator:u1' }, anna)).toBeDefined();
  });

  it('finds the erased author in dead-letter payloads by id, native id or handle', () => {
    const letter = (payload: unknown, key = 'simulator:100') => ({
      id: 'x',
      topic: 'lateral.raw.v1',
      partition: 0,
      offset: '1',
      key,
      component: 'normalize',
      step: 'normalize',
      error: 'bad',
      payload: JSON.stringify(payload),
      payloadEncoding: 'utf8' as const,
      at: '2026-03-02T10:00:00.000Z',
    });
    expect(
      deadLetterNamesErased(letter({ source: 'simulator', payload: { account: { id: 'u42' } } }), anna),
    ).toBe(true);
    expect(deadLetterNamesErased(letter({ author: { handle: 'Anna' } }), anna)).toBe(true);
    expect(deadLetterNamesErased(letter({ text: 'cc @anna' }), anna)).toBe(true);
    expect(deadLetterNamesErased(letter({ account: { id: 'u43' }, text: '@annabel' }), anna)).toBe(false);
  });
});
