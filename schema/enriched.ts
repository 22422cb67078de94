import { z } from 'zod';
import { EmotionName, MatchedBy, Sentiment } from './mention.ts';
import { Post, PostId } from './post.ts';

/**
 * A post × one brand it matched, with its per-message analysis (language, sentiment, emotion, advocacy): the
 * value of `lateral.enriched.v1`, keyed by brand so that every message about a brand reaches the same threads
 * worker, which adds thread, direction and mode and emits the `Mention`.
 */
export const EnrichedPost = z.object({
  kind: z.literal('post'),
  brand: z.string().min(1),
  post: Post,
  lang: z.string().min(2).max(16),
  sentiment: Sentiment,
  emotion: z.partialRecord(EmotionName, z.number()).optional(),
  dominantEmotion: EmotionName.optional(),
  advocacy: z.enum(['promoter', 'detractor']).optional(),
  matchedTerms: z.array(z.string()).default([]),
  /**
   * How the post belongs to the brand: its query, one of the brand's accounts, or (a candidate the threads
   * stage resolves) the thread it replies in. Absent in older messages: `query`.
   */
  matchedBy: MatchedBy.optional(),
});
export type EnrichedPost = z.infer<typeof EnrichedPost>;

/** A new sentiment for a stored mention (`lateral sentiment rescore`); the threads stage re-emits it. */
export const SentimentUpdate = z.object({
  kind: z.literal('sentiment'),
  brand: z.string().min(1),
  postId: PostId,
  sentiment: Sentiment,
});
export type SentimentUpdate = z.infer<typeof SentimentUpdate>;

export const EnrichedMessage = z.discriminatedUnion('kind', [EnrichedPost, SentimentUpdate]);
export type EnrichedMessage = z.infer<typeof EnrichedMessage>;
