import type { Post } from '../../schema/post.ts';
import type { ScoringInteraction, ScoringPost } from './inputs.ts';

/**
 * From normalised posts to the engine's inputs: what the Kafka processor does with `lateral.posts.v1` (plus
 * the brands the enrich step matched), and what the simulator evaluation uses.
 */

export interface PostLookup {
  /** Author of an earlier post (reposts and quotes carry only the post id). */
  authorOfPost(postId: string): string | undefined;
  /** Author id of a handle seen before (mentions carry handles). */
  authorOfHandle(handle: string): string | undefined;
  /** Whether the post is a review (a brand's answer to it is a review_reply). */
  isReview(postId: string): boolean;
}

export function scoringPost(
  post: Post,
  brands: readonly string[],
  isBrand = post.author.isBrand ?? false,
): ScoringPost {
  const a = post.author;
  return {
    postId: post.postId,
    authorId: a.id ?? '',
    brands,
    text: post.text,
    createdAt: post.createdAt,
    isRepost: post.repostOf !== undefined,
    links: post.links.length,
    profile: {
      ...(a.followers !== undefined ? { followers: a.followers } : {}),
      ...(a.following !== undefined ? { following: a.following } : {}),
      ...(a.createdAt !== undefined ? { createdAt: a.createdAt } : {}),
      ...(a.bot !== undefined ? { bot: a.bot } : {}),
      ...(isBrand ? { isBrand: true } : {}),
    },
    ...(post.review ? { review: { rating: post.review.rating, maxRating: post.review.maxRating } } : {}),
  };
}

/** The reactions a post expresses, once per brand: reply/quote/repost of its parent, mentions of others. */
export function interactionsOf(
  post: Post,
  brands: readonly string[],
  lookup: PostLookup,
): ScoringInteraction[] {
  const from = post.author.id;
  if (from === undefined) return []; // a post without an author reacts to nobody (schema/post.ts `Author.id`)
  const edges: { to: string; kind: ScoringInteraction['kind']; target?: string }[] = [];
  if (post.replyTo) {
    const to = post.replyTo.authorId ?? lookup.authorOfPost(post.replyTo.postId);
    if (to)
      edges.push({
        to,
        kind: post.author.isBrand && lookup.isReview(post.replyTo.postId) ? 'review_reply' : 'reply',
        target: post.replyTo.postId,
      });
  }
  if (post.quoteOf) {
    const to = post.quoteOf.authorId ?? lookup.authorOfPost(post.quoteOf.postId);
    if (to) edges.push({ to, kind: 'quote', target: post.quoteOf.postId });
  }
  if (post.repostOf) {
    const to = post.repostOf.authorId ?? lookup.authorOfPost(post.repostOf.postId);
    if (to) edges.push({ to, kind: 'repost', target: post.repostOf.postId });
  }
  // A repost's mentions are the original's words, and a reply's first mention is its parent: neither is new.
  if (!post.repostOf) {
    for (const handle of post.mentions) {
      const to = lookup.authorOfHandle(handle);
      if (to && to !== from && !edges.some((e) => e.to === to)) edges.push({ to, kind: 'mention' });
    }
  }
  const out: ScoringInteraction[] = [];
  for (const brand of brands)
    for (const e of edges)
      out.push({
        id: `${post.postId}:${e.kind}:${e.to}:${brand}`,
        from,
        to: e.to,
        kind: e.kind,
        brand,
        postId: post.postId,
        ...(e.target ? { targetPostId: e.target } : {}),
        at: post.createdAt,
      });
  return out;
}
