import { sql } from '../core/sql.ts';

/**
 * Every query the project ships (CLI summaries, status, dashboards). All of them deduplicate, so a row
 * written twice after a crash is never counted twice, and all are portable SQL (18.16 and modern ClickHouse);
 * `test/portable-sql.integration.test.ts` runs each on both engines.
 */
export const queries = {
  postsTotal: () => 'SELECT uniqExact(post_id) AS posts FROM posts',

  postsBySource: () =>
    'SELECT source, uniqExact(post_id) AS posts, uniqExact(author_id) AS authors FROM posts GROUP BY source ORDER BY posts DESC',

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
  ];
}
