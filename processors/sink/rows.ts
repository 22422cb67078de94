import { toClickHouseDateTime } from '../../core/sql.ts';
import type { DeadLetter } from '../../schema/dead-letter.ts';
import type { Post } from '../../schema/post.ts';

const dt = (iso: string) => toClickHouseDateTime(new Date(iso));
const flag = (b: boolean | undefined) => (b ? 1 : 0);

/** A `posts` row; `version` is the fetch time so a re-fetched post (new metrics) replaces the old row. */
export function postRow(post: Post) {
  return {
    post_id: post.postId,
    source: post.source,
    url: post.url,
    author_id: post.author.id,
    author_handle: post.author.handle,
    author_name: post.author.name,
    author_followers: post.author.followers ?? null,
    author_following: post.author.following ?? null,
    author_created_at: post.author.createdAt ? dt(post.author.createdAt) : null,
    author_verified: flag(post.author.verified),
    author_bot: flag(post.author.bot),
    author_is_brand: flag(post.author.isBrand),
    text: post.text,
    lang: post.lang ?? '',
    created_at: dt(post.createdAt),
    fetched_at: dt(post.fetchedAt),
    reply_to_post_id: post.replyTo?.postId ?? '',
    reply_to_author_id: post.replyTo?.authorId ?? '',
    quote_of_post_id: post.quoteOf?.postId ?? '',
    repost_of_post_id: post.repostOf?.postId ?? '',
    root_id: post.rootId ?? '',
    mentions: post.mentions,
    hashtags: post.hashtags,
    links: post.links,
    likes: post.metrics.likes,
    reposts: post.metrics.reposts,
    replies: post.metrics.replies,
    views: post.metrics.views ?? null,
    review_rating: post.review?.rating ?? null,
    review_max_rating: post.review?.maxRating ?? null,
    review_product: post.review?.product ?? '',
    review_title: post.review?.title ?? '',
    review_owner_reply: post.review?.ownerReply?.text ?? '',
    version: Date.parse(post.fetchedAt),
  };
}
export type PostRow = ReturnType<typeof postRow>;

export function deadLetterRow(letter: DeadLetter) {
  return {
    id: letter.id,
    topic: letter.topic,
    kafka_partition: letter.partition,
    kafka_offset: letter.offset,
    key: letter.key ?? '',
    component: letter.component,
    step: letter.step,
    error: letter.error,
    payload: letter.payload,
    payload_encoding: letter.payloadEncoding,
    at: dt(letter.at),
    version: Date.parse(letter.at),
  };
}
export type DeadLetterRow = ReturnType<typeof deadLetterRow>;
