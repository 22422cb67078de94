import type { Mention } from '../../schema/mention.ts';
import type { ScoringPost } from './inputs.ts';

/**
 * The pipeline's outputs as the engine's inputs: a `Mention` (post × brand, with the author's profile as the
 * post showed it) is a post in that brand community; an `Interaction` is a reaction as it is.
 */
export function scoringPostFromMention(m: Mention): ScoringPost {
  return {
    postId: m.postId,
    authorId: m.authorId,
    brands: [m.brand],
    text: m.text,
    createdAt: m.createdAt,
    isRepost: m.repostOfPostId !== undefined && !m.replyToPostId && !m.quoteOfPostId,
    profile: {
      ...(m.authorFollowers !== undefined ? { followers: m.authorFollowers } : {}),
      ...(m.authorFollowing !== undefined ? { following: m.authorFollowing } : {}),
      ...(m.authorCreatedAt !== undefined ? { createdAt: m.authorCreatedAt } : {}),
      ...(m.authorBot !== undefined ? { bot: m.authorBot } : {}),
      ...(m.authorIsBrand ? { isBrand: true } : {}),
    },
    ...(m.reviewRating !== undefined ? { review: { rating: m.reviewRating, maxRating: 5 } } : {}),
  };
}
