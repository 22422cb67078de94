import { z } from 'zod';
import { IsoTime, PostId } from './post.ts';

export const DirectionEnum = z.enum(['brand_to_customer', 'customer_to_brand', 'customer_to_customer']);
export const ModeEnum = z.enum(['oneway', 'twoway', 'multiway', 'hybrid']);
export const SentimentLabel = z.enum(['negative', 'neutral', 'positive']);
export const EmotionName = z.enum(['joy', 'anger', 'fear', 'sadness', 'surprise', 'trust']);
/** Why a post is a brand's mention: its query, one of its accounts, or a reply/quote/repost in its thread. */
export const MatchedBy = z.enum(['query', 'account', 'thread']);
export type MatchedBy = z.infer<typeof MatchedBy>;

export const Sentiment = z.object({
  score: z.number().min(-1).max(1),
  label: SentimentLabel,
  confidence: z.number().min(0).max(1),
  /** Model version that produced the score, so a re-score/backfill can find old ones. */
  model: z.string().min(1),
});

/**
 * A post × a brand it is about: the value of `lateral.mentions.v1` (keyed by brand). Re-emitted with a higher
 * `version` when its thread changes (a reply arrives, a parent arrives late); the latest version wins.
 */
export const Mention = z.object({
  postId: PostId,
  brand: z.string().min(1),
  source: z.string(),
  url: z.string(),
  /** Empty when the post has no author (see `Author.id` in schema/post.ts) or the author was erased. */
  authorId: z.string(),
  authorHandle: z.string(),
  authorFollowers: z.number().int().nonnegative().optional(),
  authorFollowing: z.number().int().nonnegative().optional(),
  authorCreatedAt: IsoTime.optional(),
  /** The platform marks the account as automated (Mastodon's bot flag). */
  authorBot: z.boolean().optional(),
  authorIsBrand: z.boolean(),
  text: z.string(),
  lang: z.string(),
  createdAt: IsoTime,
  replyToPostId: z.string().optional(),
  quoteOfPostId: z.string().optional(),
  repostOfPostId: z.string().optional(),
  rootId: PostId,
  direction: DirectionEnum,
  /** Which direction rule decided (explanations, evaluation). */
  directionRule: z.string(),
  mode: ModeEnum,
  sentiment: Sentiment,
  emotion: z.partialRecord(EmotionName, z.number()).optional(),
  dominantEmotion: EmotionName.optional(),
  advocacy: z.enum(['promoter', 'detractor']).optional(),
  reviewRating: z.number().optional(),
  /** The author's flags (`likely_bot`, `spam`, `coordinated`) from scoring, when the mention was emitted. */
  signals: z.array(z.string()).default([]),
  /** Terms that made the post match the brand. */
  matchedTerms: z.array(z.string()).default([]),
  /** How the post became the brand's mention; absent in mentions written before it existed: `query`. */
  matchedBy: MatchedBy.optional(),
  /** Trust (0–100) of the author when the mention was scored; absent until scoring has seen the author. */
  authorTrust: z.number().min(0).max(100).optional(),
  /** Latest wins: milliseconds since the epoch at emission, strictly increasing per post. */
  version: z.number().int().nonnegative(),
  /** 0 on a post's first emission, +1 on every re-emission (thread changed, re-scored). Rollups count 0 only. */
  revision: z.number().int().nonnegative().default(0),
});
export type Mention = z.infer<typeof Mention>;

export const InteractionKind = z.enum(['reply', 'quote', 'repost', 'mention', 'review_reply']);

/** An edge for influence scoring: `from` reacted to `to` (value of `lateral.interactions.v1`, keyed by `to`). */
export const Interaction = z.object({
  id: z.string().min(1),
  from: z.string().min(1),
  to: z.string().min(1),
  kind: InteractionKind,
  brand: z.string(),
  postId: PostId,
  targetPostId: z.string().optional(),
  at: IsoTime,
});
export type Interaction = z.infer<typeof Interaction>;
