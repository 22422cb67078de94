/** Messages for the threads tests (brand-threads.test.ts, thread-candidates.test.ts). */
import type { EnrichedPost } from '../../../schema/enriched.ts';
import { Post, type PostInput } from '../../../schema/post.ts';

/**
 * Enriched posts `social:<id>` by one of `authors`, each a minute after the one before from 2026-03-01
 * 09:00 UTC, naming the handles they @-mention, in English and neutral.
 */
export function socialPosts(authors: Record<string, PostInput['author']>) {
  let minute = 0;
  return {
    post(
      brand: string,
      matchedTerms: string[],
      id: string,
      who: string,
      text: string,
      extra: Partial<PostInput>,
    ) {
      const input: PostInput = {
        postId: `social:${id}`,
        source: 'social',
        author: authors[who]!,
        text,
        createdAt: new Date(Date.UTC(2026, 2, 1, 9, minute++)).toISOString(),
        fetchedAt: '2026-03-02T00:00:00.000Z',
        mentions: [...text.matchAll(/@(\w+)/g)].map((m) => m[1]!),
        ...extra,
      };
      const enriched: EnrichedPost = {
        kind: 'post',
        brand,
        post: Post.parse(input),
        lang: 'en',
        sentiment: { score: 0, label: 'neutral', confidence: 0.5, model: 'test' },
        matchedTerms,
      };
      return enriched;
    },
    /** What makes a post a reply to `social:<parent>` (written by `parentAuthor`, when given). */
    replyTo(parent: string, parentAuthor?: string): Partial<PostInput> {
      return {
        replyTo: {
          postId: `social:${parent}`,
          ...(parentAuthor ? { authorId: authors[parentAuthor]!.id } : {}),
        },
      };
    },
    /** The next post is at 09:00 again. */
    restart() {
      minute = 0;
    },
  };
}
