import { firstAnswers } from './queries/answers.ts';
import { sql } from '../core/sql.ts';

/**
 * Every query the project ships (CLI summaries, status, dashboards). All of them deduplicate, so a row
 * written twice after a crash is never counted twice, and all are portable SQL (18.16 and modern ClickHouse);
 * `test/portable-sql.integration.test.ts` runs each on both engines.
 */
export const queries = {
  postsTotal: () => 'SELECT uniqExact(post_id) AS posts FROM posts',

  postsBySource: () =>
    // Posts without an author (a deleted account) are not one more author.
    "SELECT source, uniqExact(post_id) AS posts, uniqExactIf(author_id, author_id != '') AS authors FROM posts GROUP BY source ORDER BY posts DESC",

  postsByLanguage: (limit = 20) =>
    sql`SELECT if(lang = '', 'und', lang) AS language, uniqExact(post_id) AS posts FROM posts GROUP BY language ORDER BY posts DESC LIMIT ${limit}`,

  postsByKind: () =>
    `SELECT multiIf(review_rating IS NOT NULL, 'review', repost_of_post_id != '', 'repost', quote_of_post_id != '', 'quote', reply_to_post_id != '', 'reply', 'post') AS kind, uniqExact(post_id) AS posts FROM posts GROUP BY kind ORDER BY posts DESC`,

  postsPerHour: (since: Date) =>
    sql`SELECT toStartOfHour(created_at) AS hour, uniqExact(post_id) AS posts FROM posts WHERE created_at >= ${since} GROUP BY hour ORDER BY hour`,

  /** Latest version of one post (FINAL merges duplicates within the post's day partition). */
  postById: (postId: string) =>
    sql`SELECT post_id, source, author_handle, text, created_at, likes, version FROM posts FINAL WHERE post_id = ${postId}`,

  duplicateRows: () => 'SELECT count() - uniqExact(post_id) AS duplicate_rows FROM posts',

  deadLettersTotal: () => 'SELECT uniqExact(id) AS dead_letters FROM dead_letters',

  deadLettersByStep: () =>
    'SELECT component, step, uniqExact(id) AS dead_letters, any(error) AS example_error FROM dead_letters GROUP BY component, step ORDER BY dead_letters DESC',

  recentDeadLetters: (limit = 20) =>
    sql`SELECT id, any(component) AS component, any(step) AS step, any(error) AS error, max(at) AS last_at FROM dead_letters GROUP BY id ORDER BY last_at DESC, id LIMIT ${limit}`,

  /** Mentions per brand × direction, one per post (FINAL keeps each post's newest version). */
  mentionsByBrandDirection: () =>
    "SELECT brand, toString(direction) AS direction, count() AS mentions, uniqExactIf(author_id, author_id != '') AS authors FROM mentions FINAL GROUP BY brand, direction ORDER BY brand, direction",

  /** Communication mix: mentions and threads per mode, with each message's current thread mode. */
  modeMix: (since: Date) =>
    sql`SELECT brand, toString(mode) AS mode, count() AS mentions, uniqExact(root_id) AS threads FROM mentions FINAL WHERE created_at >= ${since} GROUP BY brand, mode ORDER BY brand, mode`,

  /** Volume and sentiment per minute for one brand, from the rollup (exact volume and label counts). */
  brandMinutes: (brand: string, since: Date) =>
    sql`SELECT bucket, toString(direction) AS direction, uniqExactMerge(mentions) AS mentions, uniqExactMerge(authors) AS authors, uniqExactIfMerge(positive) AS positive, uniqExactIfMerge(neutral) AS neutral, uniqExactIfMerge(negative) AS negative FROM mention_rollup_minute WHERE brand = ${brand} AND bucket >= ${since} GROUP BY bucket, direction ORDER BY bucket, direction`,

  /**
   * Per brand and hour: raw and authentic (authors unflagged when scored) volume, unique authors, and net
   * sentiment ((positive - negative) / mentions) of both, side by side.
   */
  brandHours: (since: Date) =>
    sql`SELECT brand, bucket, uniqExactMerge(mentions) AS volume, uniqExactIfMerge(authentic) AS authentic_volume, round(sumMerge(trust_weighted), 1) AS trust_weighted_volume, uniqExactMerge(authors) AS unique_authors, round((uniqExactIfMerge(positive) - uniqExactIfMerge(negative)) / volume, 3) AS net_sentiment, round((uniqExactIfMerge(authentic_positive) - uniqExactIfMerge(authentic_negative)) / authentic_volume, 3) AS authentic_net_sentiment FROM mention_rollup_hour WHERE bucket >= ${since} GROUP BY brand, bucket ORDER BY brand, bucket`,

  /**
   * Care: of the customers who address the brand (customer → brand, reposts aside), how many got a reply from
   * one of its accounts, and how fast (median seconds to the first reply).
   */
  responseStats: (since: Date) =>
    sql`SELECT brand, count() AS addressed, countIf(toUInt32(replied_at) > 0) AS answered, round(answered / addressed, 3) AS response_rate, medianIf(toUInt32(replied_at) - toUInt32(created_at), toUInt32(replied_at) > 0) AS median_response_seconds FROM (SELECT brand, post_id, created_at FROM mentions FINAL WHERE direction = 'customer_to_brand' AND repost_of_post_id = '' AND created_at >= ${since}) AS asked ANY LEFT JOIN ` +
    firstAnswers() +
    sql` USING (brand, post_id) GROUP BY brand ORDER BY brand`,

  /** The customers still waiting for an answer from the brand, oldest first. */
  unanswered: (brand: string, since: Date, limit = 50) =>
    sql`SELECT post_id, author_handle, created_at, text FROM (SELECT brand, post_id, author_handle, created_at, text FROM mentions FINAL WHERE brand = ${brand} AND direction = 'customer_to_brand' AND repost_of_post_id = '' AND created_at >= ${since}) AS asked ANY LEFT JOIN ` +
    firstAnswers(sql`brand = ${brand}`) +
    sql` USING (brand, post_id) WHERE toUInt32(replied_at) = 0 ORDER BY created_at LIMIT ${limit}`,

  /** Stored mentions to re-score (`lateral sentiment rescore`), newest version of each, every column. */
  mentionsToRescore: (since: Date, limit: number, offset: number) =>
    sql`SELECT * FROM mentions FINAL WHERE created_at >= ${since} ORDER BY brand, post_id LIMIT ${limit} OFFSET ${offset}`,

  /** Mentions since a time whose newest version was scored by `model` (a re-score waits for its count). */
  mentionsScoredBy: (model: string, since: Date) =>
    sql`SELECT count() AS scored FROM mentions FINAL WHERE created_at >= ${since} AND sentiment_model = ${model}`,

  /** Mentions (one per post × brand) and interaction edges stored. */
  factsTotal: () =>
    'SELECT (SELECT uniqExact(brand, post_id) FROM mentions) AS mentions, (SELECT uniqExact(id) FROM interactions) AS interactions',

  /** The most influential customers per brand with enough evidence (view `top_influencers`). */
  topInfluencers: (limit = 10) =>
    sql`SELECT brand, author_id, round(influence, 1) AS influence, round(influence_confidence, 2) AS confidence, round(trust, 1) AS trust, round(weighted_reactions, 1) AS reactions, unique_reactors, followers FROM top_influencers ORDER BY brand, influence DESC LIMIT ${limit} BY brand`,

  /** The most trusted voices per brand (view `trusted_voices`). */
  trustedVoices: (limit = 10) =>
    sql`SELECT brand, author_id, round(trust, 1) AS trust, round(reputation, 3) AS reputation, round(behaviour_prior, 3) AS prior, round(influence, 1) AS influence, round(influence_confidence, 2) AS confidence FROM trusted_voices ORDER BY brand, trust DESC LIMIT ${limit} BY brand`,

  /** Brand-vs-customer share of reach (view `reach_share`). */
  reachShare: () =>
    'SELECT brand, round(brand_reach, 1) AS brand_reach, round(customer_reach, 1) AS customer_reach, lateral_share, customers, flagged_accounts FROM reach_share ORDER BY brand',

  /** Raw next to authentic volume and sentiment per brand (view `authentic_hourly`, summed). */
  authenticVolume: (since: Date) =>
    sql`SELECT brand, sum(h.mentions) AS all_mentions, sum(h.authentic_mentions) AS authentic, round(sum(h.trust_weighted_mentions), 1) AS trust_weighted, round(sum(h.sentiment * h.mentions) / all_mentions, 3) AS mean_sentiment, round(sumIf(h.authentic_sentiment * h.authentic_mentions, h.authentic_mentions > 0) / authentic, 3) AS authentic_sentiment FROM authentic_hourly AS h WHERE h.hour >= ${since} GROUP BY brand ORDER BY brand`,

  /** Flagged accounts per brand and flag. */
  flaggedAuthors: () =>
    'SELECT brand, flag, uniqExact(author_id) AS authors FROM (SELECT brand, author_id, flags FROM authors FINAL) ARRAY JOIN flags AS flag GROUP BY brand, flag ORDER BY brand, flag',

  /** One author's latest scores in every brand community (`lateral author`). */
  authorScores: (authorId: string) =>
    sql`SELECT brand, is_brand, influence, influence_confidence, has_evidence, trust, flags, flag_evidence, components, model, updated_at FROM authors FINAL WHERE author_id = ${authorId} ORDER BY brand`,

  /** The reactions an author received and sent, newest first (`lateral author`). */
  authorInteractions: (authorId: string, limit = 20) =>
    sql`SELECT toString(kind) AS kind, brand, from_author_id, to_author_id, post_id, target_post_id, at FROM interactions WHERE to_author_id = ${authorId} OR from_author_id = ${authorId} ORDER BY at DESC LIMIT 1 BY id LIMIT ${limit}`,

  /** Interactions an author received per brand and kind (`lateral author`). */
  authorReactionCounts: (authorId: string) =>
    sql`SELECT brand, toString(kind) AS kind, uniqExact(id) AS received, uniqExact(from_author_id) AS reactors FROM interactions WHERE to_author_id = ${authorId} GROUP BY brand, kind ORDER BY brand, kind`,

  interactionsByKind: () =>
    'SELECT brand, toString(kind) AS kind, uniqExact(id) AS interactions FROM interactions GROUP BY brand, kind ORDER BY brand, kind',
} as const;

export type QueryName = keyof typeof queries;

/** Every query with sample arguments, for the portable-SQL test. */
export function allQueriesWithSamples(): { name: string; sql: string }[] {
  return [
    { name: 'postsTotal', sql: queries.postsTotal() },
    { name: 'postsBySource', sql: queries.postsBySource() },
    { name: 'postsByLanguage', sql: queries.postsByLanguage(5) },
    { name: 'postsByKind', sql: queries.postsByKind() },
    { name: 'postsPerHour', sql: queries.postsPerHour(new Date('2026-01-01T00:00:00Z')) },
    { name: 'postById', sql: queries.postById("simulator:1' OR '1'='1") },
    { name: 'duplicateRows', sql: queries.duplicateRows() },
    { name: 'deadLettersTotal', sql: queries.deadLettersTotal() },
    { name: 'deadLettersByStep', sql: queries.deadLettersByStep() },
    { name: 'recentDeadLetters', sql: queries.recentDeadLetters(5) },
    { name: 'mentionsByBrandDirection', sql: queries.mentionsByBrandDirection() },
    { name: 'modeMix', sql: queries.modeMix(new Date('2026-01-01T00:00:00Z')) },
    { name: 'brandMinutes', sql: queries.brandMinutes("acme' --", new Date('2026-01-01T00:00:00Z')) },
    { name: 'brandHours', sql: queries.brandHours(new Date('2026-01-01T00:00:00Z')) },
    { name: 'responseStats', sql: queries.responseStats(new Date('2026-01-01T00:00:00Z')) },
    { name: 'unanswered', sql: queries.unanswered('acme', new Date('2026-01-01T00:00:00Z'), 5) },
    { name: 'mentionsToRescore', sql: queries.mentionsToRescore(new Date('2026-01-01T00:00:00Z'), 10, 0) },
    {
      name: 'mentionsScoredBy',
      sql: queries.mentionsScoredBy("m'1", new Date('2026-01-01T00:00:00Z')),
    },
    { name: 'interactionsByKind', sql: queries.interactionsByKind() },
    { name: 'factsTotal', sql: queries.factsTotal() },
    { name: 'topInfluencers', sql: queries.topInfluencers(5) },
    { name: 'trustedVoices', sql: queries.trustedVoices(5) },
    { name: 'reachShare', sql: queries.reachShare() },
    { name: 'authenticVolume', sql: queries.authenticVolume(new Date('2026-01-01T00:00:00Z')) },
    { name: 'flaggedAuthors', sql: queries.flaggedAuthors() },
    { name: 'authorScores', sql: queries.authorScores("simulator:u1' OR 1=1 --") },
    { name: 'authorInteractions', sql: queries.authorInteractions('simulator:u1', 5) },
    { name: 'authorReactionCounts', sql: queries.authorReactionCounts('simulator:u1') },
  ];
}
