import { z } from 'zod';

/** ISO-8601 timestamp with an explicit offset, normalised to UTC by `Date`. */
export const IsoTime = z.iso.datetime({ offset: true });

/**
 * What a ClickHouse `DateTime` column holds on every supported server: 18.16 stores second 0 as
 * `0000-00-00 00:00:00` and anything from 2106 on as another date, so times outside are refused, not stored wrong.
 */
export const STORED_TIME_MIN = '1970-01-01T00:00:01Z';
export const STORED_TIME_MAX = '2105-12-31T23:59:59Z';
const storedMin = Date.parse(STORED_TIME_MIN);
const storedMax = Date.parse(STORED_TIME_MAX);
export const StoredTime = IsoTime.refine(
  (v) => {
    const ms = Date.parse(v);
    return ms >= storedMin && ms <= storedMax + 999;
  },
  { message: `out of the storable range ${STORED_TIME_MIN} to ${STORED_TIME_MAX}` },
);

/** Counts are `UInt32` columns: a larger value would be stored as something else. */
export const UINT32_MAX = 4_294_967_295;
export const Count = z.number().int().nonnegative().max(UINT32_MAX);

/** Longest `text` (and owner reply) kept; normalisation truncates longer texts and flags the post `truncated`. */
export const TEXT_MAX = 100_000;

/** `<source>:<native id>`; the key of raw and post messages. */
export const PostId = z
  .string()
  .min(3)
  .max(512)
  .regex(/^[a-z0-9_-]+:\S+$/, 'postId must be "<source>:<native id>"');

export const Author = z.object({
  /**
   * `<source>:<account>`; absent when the platform names no account (Reddit's `[deleted]`): such a post is
   * stored (with an empty `author_id`) but has no author to score, link or list.
   */
  id: z.string().min(1).max(512).optional(),
  handle: z.string().max(512),
  name: z.string().max(1024).default(''),
  followers: Count.optional(),
  following: Count.optional(),
  createdAt: StoredTime.optional(),
  verified: z.boolean().optional(),
  bot: z.boolean().optional(),
  isBrand: z.boolean().optional(),
});
export type Author = z.infer<typeof Author>;

export const PostRef = z.object({
  postId: PostId,
  authorId: z.string().min(1).max(512).optional(),
});

export const Review = z.object({
  rating: z.number().min(0).max(1000),
  maxRating: z.number().positive().max(1000),
  product: z.string().max(1024),
  title: z.string().max(4096).optional(),
  ownerReply: z
    .object({
      text: z.string().max(TEXT_MAX),
      at: StoredTime.optional(),
      authorId: z.string().optional(),
    })
    .optional(),
});

/**
 * Engagement counts as the platform reported them. Every one is optional: absent means the platform did not
 * report it (a hidden score, a null or missing count, a platform without reposts), never zero; 0 is a count
 * the platform reported as 0. Stored as `Nullable` columns (schema/migrations/0012_nullable_metrics.sql).
 */
export const Metrics = z.object({
  likes: Count.optional(),
  reposts: Count.optional(),
  replies: Count.optional(),
  /** Quote posts, where the platform counts them (Bluesky `quoteCount`). */
  quotes: Count.optional(),
  /** A `UInt64` column, but JSON numbers are exact only up to 2^53. */
  views: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
});

/** A normalised post: the value of `lateral.posts.v1`. */
export const Post = z
  .object({
    postId: PostId,
    source: z.string().regex(/^[a-z0-9_-]+$/),
    url: z.string().max(4096).default(''),
    author: Author,
    text: z.string().max(TEXT_MAX),
    lang: z.string().max(16).optional(),
    createdAt: StoredTime,
    fetchedAt: StoredTime,
    /**
     * The platform gave no time for this item: `createdAt` is the feed's or the fetch's time, an upper bound
     * (a time the post certainly existed by), not when it was written.
     */
    approximateTime: z.boolean().optional(),
    /** Some text was cut at normalisation (text over the length limit; see platforms/shared/bounds.ts). */
    truncated: z.boolean().optional(),
    replyTo: PostRef.optional(),
    quoteOf: PostRef.optional(),
    /** Set on a repost/boost: the post it amplifies (text is then the original's). */
    repostOf: PostRef.optional(),
    rootId: PostId.optional(),
    mentions: z.array(z.string().max(512)).max(1000).default([]),
    hashtags: z.array(z.string().max(512)).max(1000).default([]),
    links: z.array(z.string().max(4096)).max(1000).default([]),
    /** Absent (or `{}`) when the platform reported no counts at all (Jetstream events, RSS items). */
    metrics: Metrics.default({}),
    review: Review.optional(),
  })
  .superRefine((post, ctx) => {
    if (!post.postId.startsWith(`${post.source}:`)) {
      ctx.addIssue({ code: 'custom', path: ['postId'], message: `postId must start with "${post.source}:"` });
    }
  });
export type Post = z.infer<typeof Post>;
export type PostInput = z.input<typeof Post>;
