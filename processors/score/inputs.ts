import type { Interaction } from '../../schema/mention.ts';

/**
 * What the scoring engine needs from the pipeline, kept narrow so that any topic (posts, mentions,
 * interactions) can be adapted to it. Times are event times: ISO strings or epoch milliseconds.
 */

export type EventTime = string | number;

/** The author's public profile as last seen on a post; every field optional (reviews carry none). */
export interface ScoringProfile {
  followers?: number;
  following?: number;
  /** Account creation time. */
  createdAt?: EventTime;
  /** Self-declared automated account (Mastodon's bot flag). */
  bot?: boolean;
  /** One of a configured brand's own accounts (never flagged; canned replies are not spam). */
  isBrand?: boolean;
  listed?: number;
}

/** A post by an author: behaviour evidence for trust, exposure for influence in each of its brands. */
export interface ScoringPost {
  postId: string;
  /** Empty for a post without an author (schema/post.ts `Author.id`): the engine ignores it. */
  authorId: string;
  /** Brand communities the post belongs to ([] for off-topic posts: behaviour only). */
  brands: readonly string[];
  text: string;
  createdAt: EventTime;
  /** A repost carries the original's text: it is amplification, not the author's own words. */
  isRepost?: boolean;
  /** Links in the post (counted from the text when absent). */
  links?: number;
  profile?: ScoringProfile;
  /** Star rating of a review, with its scale. */
  review?: { rating: number; maxRating: number };
}

/** `from` reacted to `to` in a brand community (the shape of `lateral.interactions.v1`, fields optional where it can be). */
export interface ScoringInteraction {
  id?: string;
  /** `from` or `to` empty (a post without an author): the engine ignores the interaction. */
  from: string;
  to: string;
  kind: Interaction['kind'];
  brand: string;
  postId?: string;
  /** The post reacted to: needed to see synchronised reposts. */
  targetPostId?: string;
  at: EventTime;
}

export function eventMs(time: EventTime): number {
  const ms = typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(ms)) throw new Error(`scoring: not an event time: ${String(time)}`);
  return ms;
}
