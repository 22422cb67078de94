import { z } from 'zod';

/**
 * Ground truth of one simulated item: what the pipeline should find (brands, direction, thread mode,
 * sentiment, spikes) and what it should reject (malformed payloads). The generator knows it by construction,
 * so evaluations and tests can compare the pipeline's output with it item by item.
 */

export const LANGS = ['nl', 'de', 'en', 'fr', 'es'] as const;
/**
 * `celebrity`: a large audience that draws little resonance in the brand communities (posts about a brand that
 * few people answer or share): the account a follower-based ranking wrongly calls an influencer.
 */
export const ROLES = ['brand', 'customer', 'influencer', 'bot', 'spammer', 'celebrity'] as const;
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export const DIRECTIONS = ['brand_to_customer', 'customer_to_brand', 'customer_to_customer'] as const;
export const MODES = ['oneway', 'twoway', 'multiway', 'hybrid'] as const;

export type Lang = (typeof LANGS)[number];
export type Role = (typeof ROLES)[number];
export type Sentiment = (typeof SENTIMENTS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type Mode = (typeof MODES)[number];

const SimId = z.string().regex(/^simulator:\S+$/);

export const GroundTruth = z.object({
  /** Position in the run (0-based); `items(k)` starts here. */
  index: z.number().int().nonnegative(),
  /** `simulator:<native id>`, the key the pipeline uses. */
  postId: SimId,
  kind: z.enum(['status', 'review']),
  authorId: SimId,
  authorRole: z.enum(ROLES),
  /** Language of the text (a brand answers in its customer's language; a repost keeps the original's). */
  lang: z.enum(LANGS),
  /** Brand names the post is about; [] for off-topic posts. */
  brands: z.array(z.string()),
  /** Direction for the first brand in `brands`; null when the post is about no brand. */
  direction: z.enum(DIRECTIONS).nullable(),
  threadRootId: SimId,
  /** Final mode of the whole thread, after all its posts (see `modeOf`). */
  threadMode: z.enum(MODES),
  sentiment: z.enum(SENTIMENTS),
  /** About a brand inside one of that brand's injected spike windows. */
  spike: z.boolean(),
  /** Set on deliberately broken payloads: which breakage (the pipeline must dead-letter them). */
  malformed: z.string().optional(),
  /** A reply emitted before its parent in the output order (its created_at is still after the parent's). */
  outOfOrder: z.boolean().optional(),
  replyTo: SimId.optional(),
  quoteOf: SimId.optional(),
  repostOf: SimId.optional(),
  /**
   * Set on a reply that does not name its brand: the brand whose thread it belongs to. It is still a mention of
   * that brand (in `brands`), found through the thread rather than the brand query.
   */
  threadBrand: z.string().optional(),
  /** A review's owner reply (developer_response), which the normaliser turns into a post of its own. */
  ownerReply: z.object({ postId: SimId, direction: z.literal('brand_to_customer') }).optional(),
});
export type GroundTruth = z.infer<typeof GroundTruth>;

/** What a thread's messages contain, for `modeOf`. */
export interface ThreadMix {
  /** A brand account wrote in it (post or owner reply). */
  brand: boolean;
  /** A customer addressed / replied to / quoted the brand. */
  toBrand: boolean;
  /** A customer talked to / about others (lateral): replies to and quotes of customers, standalone talk. */
  lateral: boolean;
}

/**
 * Mode of a thread from the directions of its messages (docs/architecture.md §6). Reposts belong to the thread but do
 * not change its mode: they amplify a message, they do not add one (a broadcast only reposted stays oneway).
 * Off-topic threads (no brand) have only lateral talk, so they are multiway.
 *
 * - oneway: only brand messages;
 * - twoway: customers address the brand (answered or not), nobody talks laterally;
 * - multiway: lateral talk only, brand absent;
 * - hybrid: lateral talk and vertical (brand ↔ customer) exchanges in the same thread.
 */
export function modeOf(mix: ThreadMix): Mode {
  if (mix.lateral) return mix.brand || mix.toBrand ? 'hybrid' : 'multiway';
  if (mix.toBrand) return 'twoway';
  return mix.brand ? 'oneway' : 'multiway';
}

/**
 * The mentions the pipeline must produce for one item: the post once for every brand it is about (with the
 * direction of its first brand), and a review's owner reply as a brand → customer mention of its first brand.
 */
export function truthMentions(t: GroundTruth): { postId: string; brand: string; direction: Direction }[] {
  if (t.malformed || t.direction === null || t.brands.length === 0) return [];
  const direction = t.direction;
  const out = t.brands.map((brand) => ({ postId: t.postId, brand, direction }));
  if (t.ownerReply)
    out.push({ postId: t.ownerReply.postId, brand: t.brands[0]!, direction: 'brand_to_customer' });
  return out;
}
