import { z } from 'zod';

/** ISO-8601 timestamp with an explicit offset, normalised to UTC by `Date`. */
export const IsoTime = z.iso.datetime({ offset: true });

/** `<source>:<native id>`; the key of raw and post messages. */
export const PostId = z
  .string()
  .min(3)
  .max(512)
  .regex(/^[a-z0-9_-]+:\S+$/, 'postId must be "<source>:<native id>"');

export const Author = z.object({
  id: z.string().min(1).max(512),
  handle: z.string().max(512),
  name: z.string().max(1024).default(''),
  followers: z.number().int().nonnegative().optional(),
  following: z.number().int().nonnegative().optional(),
  createdAt: IsoTime.optional(),
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
  rating: z.number().min(0),
  maxRating: z.number().positive(),
  product: z.string().max(1024),
  title: z.string().max(4096).optional(),
  ownerReply: z
    .object({
      text: z.string().max(100_000),
      at: IsoTime.optional(),
      authorId: z.string().optional(),
    })
    .optional(),
});

export const Metrics = z.object({
  likes: z.number().int().nonnegative().default(0),
  reposts: z.number().int().nonnegative().default(0),
  replies: z.number().int().nonnegative().default(0),
  views: z.number().int().nonnegative().optional(),
});

/** A normalised post: the value of `lateral.posts.v1`. */
export const Post = z
  .object({
    postId: PostId,
    source: z.string().regex(/^[a-z0-9_-]+$/),
    url: z.string().max(4096).default(''),
    author: Author,
    text: z.string().max(100_000),
    lang: z.string().max(16).optional(),
    createdAt: IsoTime,
    fetchedAt: IsoTime,
    replyTo: PostRef.optional(),
    quoteOf: PostRef.optional(),
    /** Set on a repost/boost: the post it amplifies (text is then the original's). */
    repostOf: PostRef.optional(),
    rootId: PostId.optional(),
    mentions: z.array(z.string().max(512)).max(1000).default([]),
    hashtags: z.array(z.string().max(512)).max(1000).default([]),
    links: z.array(z.string().max(4096)).max(1000).default([]),
    metrics: Metrics.default({ likes: 0, reposts: 0, replies: 0 }),
    review: Review.optional(),
  })
  .superRefine((post, ctx) => {
    if (!post.postId.startsWith(`${post.source}:`)) {
      ctx.addIssue({ code: 'custom', path: ['postId'], message: `postId must start with "${post.source}:"` });
    }
  });
export type Post = z.infer<typeof Post>;
export type PostInput = z.input<typeof Post>;
