import { toClickHouseDateTime } from '../../core/sql.ts';
import type { DeadLetter } from '../../schema/dead-letter.ts';
import type { AuthorRecord } from '../../schema/author-score.ts';
import type { Interaction, MatchedBy, Mention } from '../../schema/mention.ts';
import type { Post } from '../../schema/post.ts';

const dt = (iso: string) => toClickHouseDateTime(new Date(iso));
const flag = (b: boolean | undefined) => (b ? 1 : 0);

/** A `posts` row; `version` is the fetch time so a re-fetched post (new metrics) replaces the old row. */
export function postRow(post: Post) {
  return {
    post_id: post.postId,
    source: post.source,
    url: post.url,
    author_id: post.author.id ?? '',
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
    // NULL where the platform reported no count (schema/post.ts): unknown, not 0.
    likes: post.metrics.likes ?? null,
    reposts: post.metrics.reposts ?? null,
    replies: post.metrics.replies ?? null,
    views: post.metrics.views ?? null,
    quotes: post.metrics.quotes ?? null,
    approximate_time: flag(post.approximateTime),
    truncated: flag(post.truncated),
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

/** A `mentions` row; `version` comes from the threads stage (newest emission wins). */
export function mentionRow(m: Mention) {
  const e = m.emotion ?? {};
  return {
    post_id: m.postId,
    brand: m.brand,
    source: m.source,
    url: m.url,
    author_id: m.authorId,
    author_handle: m.authorHandle,
    author_followers: m.authorFollowers ?? null,
    author_following: m.authorFollowing ?? null,
    author_created_at: m.authorCreatedAt ? dt(m.authorCreatedAt) : null,
    author_bot: flag(m.authorBot),
    author_is_brand: flag(m.authorIsBrand),
    author_trust: m.authorTrust ?? null,
    text: m.text,
    lang: m.lang,
    created_at: dt(m.createdAt),
    reply_to_post_id: m.replyToPostId ?? '',
    quote_of_post_id: m.quoteOfPostId ?? '',
    repost_of_post_id: m.repostOfPostId ?? '',
    root_id: m.rootId,
    direction: m.direction,
    direction_rule: m.directionRule,
    mode: m.mode,
    sentiment_score: m.sentiment.score,
    sentiment_label: m.sentiment.label,
    sentiment_confidence: m.sentiment.confidence,
    sentiment_model: m.sentiment.model,
    emotion_joy: e.joy ?? 0,
    emotion_anger: e.anger ?? 0,
    emotion_fear: e.fear ?? 0,
    emotion_sadness: e.sadness ?? 0,
    emotion_surprise: e.surprise ?? 0,
    emotion_trust: e.trust ?? 0,
    dominant_emotion: m.dominantEmotion ?? '',
    advocacy: m.advocacy ?? '',
    review_rating: m.reviewRating ?? null,
    signals: m.signals,
    matched_terms: m.matchedTerms,
    matched_by: m.matchedBy ?? 'query',
    version: m.version,
    revision: m.revision,
  };
}

export function interactionRow(i: Interaction) {
  return {
    id: i.id,
    from_author_id: i.from,
    to_author_id: i.to,
    kind: i.kind,
    brand: i.brand,
    post_id: i.postId,
    target_post_id: i.targetPostId ?? '',
    at: dt(i.at),
    version: Date.parse(i.at),
  };
}

/** A `mentions` row as ClickHouse returns it (JSONEachRow: 64-bit integers as strings). */
export type MentionRow = Omit<ReturnType<typeof mentionRow>, 'version'> & { version: string | number };

const fromClickHouseTime = (t: string) => new Date(`${t.replace(' ', 'T')}Z`).toISOString();

/** The inverse of `mentionRow`, for re-emitting a stored mention. */
export function mentionFromRow(r: MentionRow): Mention {
  const emotion = Object.fromEntries(
    (['joy', 'anger', 'fear', 'sadness', 'surprise', 'trust'] as const)
      .map((e) => [e, Number(r[`emotion_${e}`])] as const)
      .filter(([, v]) => v > 0),
  );
  return {
    postId: r.post_id,
    brand: r.brand,
    source: r.source,
    url: r.url,
    authorId: r.author_id,
    authorHandle: r.author_handle,
    ...(r.author_followers !== null ? { authorFollowers: Number(r.author_followers) } : {}),
    ...(r.author_following !== null ? { authorFollowing: Number(r.author_following) } : {}),
    ...(r.author_created_at !== null ? { authorCreatedAt: fromClickHouseTime(r.author_created_at) } : {}),
    ...(Number(r.author_bot) === 1 ? { authorBot: true } : {}),
    authorIsBrand: Number(r.author_is_brand) === 1,
    ...(r.author_trust !== null ? { authorTrust: Number(r.author_trust) } : {}),
    text: r.text,
    lang: r.lang,
    createdAt: fromClickHouseTime(r.created_at),
    ...(r.reply_to_post_id ? { replyToPostId: r.reply_to_post_id } : {}),
    ...(r.quote_of_post_id ? { quoteOfPostId: r.quote_of_post_id } : {}),
    ...(r.repost_of_post_id ? { repostOfPostId: r.repost_of_post_id } : {}),
    rootId: r.root_id,
    direction: r.direction,
    directionRule: r.direction_rule,
    mode: r.mode,
    sentiment: {
      score: Number(r.sentiment_score),
      label: r.sentiment_label,
      confidence: Number(r.sentiment_confidence),
      model: r.sentiment_model,
    },
    ...(Object.keys(emotion).length > 0 ? { emotion } : {}),
    ...(r.dominant_emotion
      ? { dominantEmotion: r.dominant_emotion as NonNullable<Mention['dominantEmotion']> }
      : {}),
    ...(r.advocacy ? { advocacy: r.advocacy as NonNullable<Mention['advocacy']> } : {}),
    ...(r.review_rating !== null ? { reviewRating: Number(r.review_rating) } : {}),
    signals: r.signals,
    matchedTerms: r.matched_terms,
    // 'query' is also what an absent field means (mentions emitted before the field existed).
    ...(r.matched_by && r.matched_by !== 'query' ? { matchedBy: r.matched_by as MatchedBy } : {}),
    version: Number(r.version),
    revision: Number(r.revision),
  };
}

/** One `authors` row per brand community of an author record. */
export function authorRows(record: AuthorRecord) {
  return record.scores.map((s) => ({
    author_id: s.authorId,
    brand: s.brand,
    is_brand: flag(record.isBrand),
    influence: s.influence,
    influence_confidence: s.influenceConfidence,
    has_evidence: flag(s.hasEvidence),
    trust: s.trust,
    influence_raw: s.components.influence.raw,
    weighted_reactions: s.components.influence.weightedReactions,
    unique_reactors: Math.round(s.components.influence.uniqueReactors),
    amplification_per_post: s.components.influence.amplificationPerPost,
    pagerank: s.components.influence.pagerank,
    followers: Math.round(s.components.influence.followers),
    posts: s.components.influence.posts,
    reputation: s.components.trust.reputation,
    behaviour_prior: s.components.trust.prior,
    flags: s.flags.map((f) => f.flag),
    flag_evidence: s.flags.map((f) => `${f.flag}: ${f.evidence.join('; ')}`),
    components: JSON.stringify(s.components),
    model: s.model,
    updated_at: dt(s.updatedAt),
    version: s.version,
  }));
}
