import { firstAnswers } from './answers.ts';
import { sql, type SqlValue } from '../../core/sql.ts';
import { queries } from '../queries.ts';

/**
 * The dashboard's queries (dashboards/). Like every shipped query they deduplicate (rollup `uniqExact` states,
 * `FINAL`, `uniqExact(post_id)`), run on ClickHouse 18.16 and modern ClickHouse, and bind every value through
 * core/sql.ts. Filters on columns that can change between versions of a mention (direction, mode, sentiment)
 * are applied outside the `FINAL` subquery, so they see each mention's newest version only.
 */

/** Bucket sizes of the time series, chosen from the length of the range (dashboards/server/time.ts). */
export const STEPS = ['minute', 'five', 'fifteen', 'hour', 'day'] as const;
export type Step = (typeof STEPS)[number];

const STEP_FUNCTION: Record<Step, string> = {
  minute: 'toStartOfMinute',
  five: 'toStartOfFiveMinute',
  fifteen: 'toStartOfFifteenMinutes',
  hour: 'toStartOfHour',
  day: 'toStartOfDay',
};

/** Minute steps read the per-minute rollup, hours and days the per-hour one. */
function rollupFor(step: Step): string {
  return step === 'hour' || step === 'day' ? 'mention_rollup_hour' : 'mention_rollup_minute';
}

export const DIRECTIONS = ['brand_to_customer', 'customer_to_brand', 'customer_to_customer'] as const;
export const MODES = ['oneway', 'twoway', 'multiway', 'hybrid'] as const;
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export const EMOTIONS = ['joy', 'anger', 'fear', 'sadness', 'surprise', 'trust', 'none'] as const;
export const SORTS = ['newest', 'oldest', 'most_negative', 'most_positive'] as const;
export type Sort = (typeof SORTS)[number];

export interface MentionFilter {
  brand: string;
  from: Date;
  to: Date;
  direction?: (typeof DIRECTIONS)[number] | undefined;
  mode?: (typeof MODES)[number] | undefined;
  sentiment?: (typeof SENTIMENT_LABELS)[number] | undefined;
  emotion?: string | undefined;
  lang?: string | undefined;
  source?: string | undefined;
  /** Case-insensitive substring of the text. */
  q?: string | undefined;
  /** Leave out authors flagged now (likely_bot, spam, coordinated) in this brand community. */
  hideFlagged?: boolean | undefined;
}

/** Keyset position: the sort value and post id of the last row of the previous page. */
export interface Cursor {
  v: number;
  id: string;
}

const MENTION_COLUMNS =
  "post_id, author_id, author_handle, author_is_brand, toUnixTimestamp(created_at) AS ts, created_at, toString(direction) AS direction, toString(mode) AS mode, toString(sentiment_label) AS sentiment, sentiment_score AS score, if(dominant_emotion = '', 'none', dominant_emotion) AS emotion, lang, source, text, root_id, reply_to_post_id, url, signals";

/** What the filters need, for counting (the text only when searching). */
function countColumns(f: MentionFilter): string {
  return `post_id, author_id, toString(direction) AS direction, toString(mode) AS mode, toString(sentiment_label) AS sentiment, if(dominant_emotion = '', 'none', dominant_emotion) AS emotion, lang, source${f.q ? ', text' : ''}`;
}

function filteredMentions(f: MentionFilter, columns = MENTION_COLUMNS, extra: string[] = []): string {
  const conds: string[] = [...extra];
  const add = (fragment: string) => conds.push(fragment);
  if (f.direction) add(sql`direction = ${f.direction}`);
  if (f.mode) add(sql`mode = ${f.mode}`);
  if (f.sentiment) add(sql`sentiment = ${f.sentiment}`);
  if (f.emotion) add(sql`emotion = ${f.emotion}`);
  if (f.lang) add(sql`lang = ${f.lang}`);
  if (f.source) add(sql`source = ${f.source}`);
  if (f.q) add(sql`positionCaseInsensitiveUTF8(text, ${f.q}) > 0`);
  if (f.hideFlagged)
    add(
      sql`author_id NOT IN (SELECT author_id FROM authors FINAL WHERE brand = ${f.brand} AND length(flags) > 0)`,
    );
  // `columns` is one of this file's constants, never input.
  const inner = `SELECT ${columns} FROM mentions FINAL WHERE ${sql`brand = ${f.brand} AND created_at >= ${f.from} AND created_at < ${f.to}`}`;
  return `SELECT * FROM (${inner})${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}`;
}

const ORDER: Record<Sort, { key: string; desc: boolean }> = {
  newest: { key: 'ts', desc: true },
  oldest: { key: 'ts', desc: false },
  most_negative: { key: 'score', desc: false },
  most_positive: { key: 'score', desc: true },
};

function keyset(sort: Sort, cursor: Cursor): string {
  const { key, desc } = ORDER[sort];
  const value: SqlValue = cursor.v;
  const bound = key === 'score' ? sql`toFloat32(${value})` : sql`${value}`;
  const op = desc ? '<' : '>';
  return `(${key} ${op} ${bound} OR (${key} = ${bound} AND post_id ${op} ${sql`${cursor.id}`}))`;
}

function orderBy(sort: Sort): string {
  const { key, desc } = ORDER[sort];
  const dir = desc ? 'DESC' : 'ASC';
  return `ORDER BY ${key} ${dir}, post_id ${dir}`;
}

export const dashboardQueries = {
  /** Brands with data (from the hourly rollup, cheap). */
  brands: () => 'SELECT DISTINCT brand FROM mention_rollup_hour ORDER BY brand',

  /** Languages and sources a brand's mentions have, for the explorer's filters. */
  facets: (brand: string) =>
    sql`SELECT arraySort(groupUniqArray(lang)) AS langs, arraySort(groupUniqArray(source)) AS sources, toUnixTimestamp(max(bucket)) AS last_hour FROM mention_rollup_hour WHERE brand = ${brand}`,

  /**
   * Per bucket and direction: volume, positive and negative, and the same for authentic mentions (authors
   * unflagged when the mention was written). Summing the inner (bucket, direction, source, lang) groups is
   * exact because every mention's first emission sits in exactly one of them, and cheaper than one big merge.
   */
  timeline: (brand: string, from: Date, to: Date, step: Step) =>
    `SELECT ts, direction, sum(m) AS mentions, sum(pos) AS positive, sum(neg) AS negative, sum(a) AS authentic, sum(apos) AS authentic_positive, sum(aneg) AS authentic_negative FROM (SELECT toUnixTimestamp(${STEP_FUNCTION[step]}(bucket)) AS ts, toString(direction) AS direction, uniqExactMerge(mentions) AS m, uniqExactIfMerge(positive) AS pos, uniqExactIfMerge(negative) AS neg, uniqExactIfMerge(authentic) AS a, uniqExactIfMerge(authentic_positive) AS apos, uniqExactIfMerge(authentic_negative) AS aneg FROM ${rollupFor(step)} WHERE ${sql`brand = ${brand} AND bucket >= ${from} AND bucket < ${to}`} GROUP BY bucket, direction, source, lang) GROUP BY ts, direction ORDER BY ts, direction`,

  /** The communication mix over time: each message with its thread's current mode (`mentions FINAL`). */
  modeTimeline: (brand: string, from: Date, to: Date, step: Step) =>
    `SELECT toUnixTimestamp(${STEP_FUNCTION[step]}(created_at)) AS ts, toString(mode) AS mode, count() AS mentions FROM mentions FINAL WHERE ${sql`brand = ${brand} AND created_at >= ${from} AND created_at < ${to}`} GROUP BY ts, mode ORDER BY ts, mode`,

  /** Mentions per brand in the range: share of voice. */
  shareOfVoice: (from: Date, to: Date, step: Step) =>
    `SELECT brand, sum(m) AS mentions FROM (SELECT brand, uniqExactMerge(mentions) AS m FROM ${rollupFor(step)} WHERE ${sql`bucket >= ${from} AND bucket < ${to}`} GROUP BY brand, bucket, direction, source, lang) GROUP BY brand ORDER BY mentions DESC, brand`,

  /**
   * Words of a brand's mentions in the current window and the one before it (same length), counted once per
   * post; dashboards/server drops stop words and ranks the risers.
   */
  termCounts: (brand: string, previousFrom: Date, currentFrom: Date, to: Date, limit = 400) =>
    sql`SELECT term, uniqExactIf(post_id, created_at >= ${currentFrom}) AS current, uniqExactIf(post_id, created_at < ${currentFrom}) AS previous FROM (SELECT post_id, created_at, arrayJoin(extractAll(lowerUTF8(replaceRegexpAll(text, 'https?://[^ ]+', '')), '\\\\pL{4,}')) AS term FROM mentions WHERE brand = ${brand} AND revision = 0 AND created_at >= ${previousFrom} AND created_at < ${to}) GROUP BY term HAVING current >= 3 ORDER BY current DESC, term LIMIT ${limit}`,

  /** Alerts of a brand whose window overlaps the range, newest first (ReplacingMergeTree: FINAL). */
  alerts: (brand: string, from: Date, to: Date, limit = 200) =>
    sql`SELECT alert_id, rule, series, direction, severity, toUnixTimestamp(window_start) AS start_ts, toUnixTimestamp(window_end) AS end_ts, observed, expected, explanation, toUnixTimestamp(at) AS at_ts FROM alerts FINAL WHERE brand = ${brand} AND window_end >= ${from} AND window_start < ${to} ORDER BY window_start DESC, alert_id LIMIT ${limit}`,

  /** One page of the mentions explorer (keyset pagination: `limit + 1` rows tell whether more follow). */
  mentionsPage: (f: MentionFilter, sort: Sort, limit: number, cursor?: Cursor) => {
    const base = filteredMentions(f, MENTION_COLUMNS, cursor ? [keyset(sort, cursor)] : []);
    return `${base} ${orderBy(sort)} LIMIT ${sql`${limit + 1}`}`;
  },

  /** How many mentions match the explorer's filters. */
  mentionsCount: (f: MentionFilter) => `SELECT count() AS n FROM (${filteredMentions(f, countColumns(f))})`,

  /** The explorer's filtered set for CSV export (the server appends `FORMAT CSVWithNames` and streams it). */
  mentionsExport: (f: MentionFilter, sort: Sort, limit: number) =>
    `SELECT post_id, created_at, author_id, author_handle, direction, mode, sentiment, round(score, 3) AS sentiment_score, emotion, lang, source, root_id, url, text FROM (${filteredMentions(f)}) ${orderBy(sort)} LIMIT ${sql`${limit}`}`,

  /** The thread a mention belongs to, and when its root was written (two primary-key lookups). */
  threadOf: (brand: string, postId: string) =>
    sql`SELECT m.root_id AS root_id, toUnixTimestamp(m.created_at) AS post_ts, toUnixTimestamp(r.created_at) AS root_ts FROM (SELECT root_id, created_at FROM mentions FINAL WHERE brand = ${brand} AND post_id = ${postId}) AS m ANY LEFT JOIN (SELECT post_id AS root_id, created_at FROM mentions FINAL WHERE brand = ${brand} AND post_id IN (SELECT root_id FROM mentions WHERE brand = ${brand} AND post_id = ${postId})) AS r USING (root_id)`,

  /**
   * Every message of a thread with its author's current influence and trust in the brand community. Threads
   * live at most the threads horizon, so the scan is bounded to [from, to] around the root.
   */
  threadMessages: (brand: string, rootId: string, from: Date, to: Date, limit = 2000) =>
    sql`SELECT post_id, reply_to_post_id, quote_of_post_id, repost_of_post_id, author_id, author_handle, author_is_brand, ts, direction, mode, sentiment, score, emotion, text, url, scored, influence, trust, influence_confidence, has_evidence, flags FROM (SELECT post_id, reply_to_post_id, quote_of_post_id, repost_of_post_id, author_id, author_handle, author_is_brand, toUnixTimestamp(created_at) AS ts, toString(direction) AS direction, toString(mode) AS mode, toString(sentiment_label) AS sentiment, sentiment_score AS score, dominant_emotion AS emotion, text, url FROM mentions FINAL WHERE brand = ${brand} AND root_id = ${rootId} AND created_at >= ${from} AND created_at <= ${to}) AS m ANY LEFT JOIN (SELECT author_id, toUInt8(1) AS scored, round(influence, 1) AS influence, round(trust, 1) AS trust, round(influence_confidence, 2) AS influence_confidence, has_evidence, flags FROM authors FINAL WHERE brand = ${brand} AND author_id IN (SELECT author_id FROM mentions WHERE brand = ${brand} AND root_id = ${rootId} AND created_at >= ${from} AND created_at <= ${to})) AS a USING (author_id) ORDER BY ts, post_id LIMIT ${limit}`,

  /**
   * The most influential customers of a brand with the components behind each score; authors without enough
   * evidence (too few distinct reactors) come after those with it and are marked by `has_evidence = 0`.
   */
  influencers: (brand: string, limit = 25) =>
    sql`SELECT author_id, round(influence, 1) AS influence, round(influence_confidence, 2) AS influence_confidence, has_evidence, round(trust, 1) AS trust, round(weighted_reactions, 1) AS weighted_reactions, unique_reactors, round(amplification_per_post, 2) AS amplification_per_post, round(pagerank, 6) AS pagerank, followers, round(posts, 1) AS posts FROM authors FINAL WHERE brand = ${brand} AND is_brand = 0 AND length(flags) = 0 ORDER BY has_evidence DESC, influence DESC, weighted_reactions DESC, author_id LIMIT ${limit}`,

  /** The most trusted voices others react to, with reputation and behaviour prior (trust = both). */
  trustedVoices: (brand: string, limit = 25) =>
    sql`SELECT author_id, round(trust, 1) AS trust, round(reputation, 3) AS reputation, round(behaviour_prior, 3) AS behaviour_prior, round(influence, 1) AS influence, round(influence_confidence, 2) AS influence_confidence, has_evidence, round(weighted_reactions, 1) AS weighted_reactions, unique_reactors FROM authors FINAL WHERE brand = ${brand} AND is_brand = 0 AND length(flags) = 0 AND weighted_reactions > 0 ORDER BY trust DESC, influence DESC, author_id LIMIT ${limit}`,

  /** Accounts flagged in the brand community, with the evidence that raised each flag. */
  flagged: (brand: string, limit = 100) =>
    sql`SELECT author_id, flags, flag_evidence, round(trust, 1) AS trust, round(behaviour_prior, 3) AS behaviour_prior, round(influence, 1) AS influence, followers FROM authors FINAL WHERE brand = ${brand} AND length(flags) > 0 ORDER BY trust, author_id LIMIT ${limit}`,

  /** Display handles of some authors of a brand (the newest one each wrote with). */
  authorHandles: (brand: string, authorIds: string[]) =>
    sql`SELECT author_id, argMax(author_handle, created_at) AS handle FROM mentions WHERE brand = ${brand} AND has(${authorIds}, author_id) GROUP BY author_id`,

  /** Evidence behind an author's influence per brand (beside `queries.authorScores`). */
  authorEvidence: (authorId: string) =>
    sql`SELECT brand, round(influence_confidence, 2) AS influence_confidence, has_evidence, unique_reactors, round(weighted_reactions, 1) AS weighted_reactions FROM authors FINAL WHERE author_id = ${authorId} ORDER BY brand`,

  /** An author's latest mentions of a brand, newest first. */
  authorMentions: (brand: string, authorId: string, limit = 20) =>
    sql`SELECT post_id, author_handle, toUnixTimestamp(created_at) AS ts, toString(direction) AS direction, toString(mode) AS mode, toString(sentiment_label) AS sentiment, root_id, text FROM mentions FINAL WHERE brand = ${brand} AND author_id = ${authorId} ORDER BY created_at DESC, post_id LIMIT ${limit}`,

  /**
   * Customers of one brand still waiting for an answer, oldest first: `queries.unanswered` with the answers
   * side bounded too (an answer comes after its question), which keeps it inside the read-only user's memory.
   */
  careQueue: (brand: string, from: Date, limit = 100) =>
    sql`SELECT post_id, author_handle, created_at, text FROM (SELECT brand, post_id, author_handle, created_at, text FROM mentions FINAL WHERE brand = ${brand} AND direction = 'customer_to_brand' AND repost_of_post_id = '' AND created_at >= ${from}) AS asked ANY LEFT JOIN ` +
    firstAnswers(sql`brand = ${brand} AND created_at >= ${from}`) +
    sql` USING (brand, post_id) WHERE toUInt32(replied_at) = 0 ORDER BY created_at LIMIT ${limit}`,

  /** Care figures of one brand since `from` (`queries.responseStats` for one brand, both sides bounded). */
  care: (brand: string, from: Date) =>
    sql`SELECT brand, count() AS addressed, countIf(toUInt32(replied_at) > 0) AS answered, round(answered / addressed, 3) AS response_rate, medianIf(toUInt32(replied_at) - toUInt32(created_at), toUInt32(replied_at) > 0) AS median_response_seconds FROM (SELECT brand, post_id, created_at FROM mentions FINAL WHERE brand = ${brand} AND direction = 'customer_to_brand' AND repost_of_post_id = '' AND created_at >= ${from}) AS asked ANY LEFT JOIN ` +
    firstAnswers(sql`brand = ${brand} AND created_at >= ${from}`) +
    sql` USING (brand, post_id) GROUP BY brand`,

  /** Share of reach carried by customers (reuses `queries.reachShare`). */
  reach: () => queries.reachShare(),
} as const;

/** Every dashboard query with sample arguments, for the portable-SQL test (both engines). */
export function dashboardQueriesWithSamples(): { name: string; sql: string }[] {
  const from = new Date('2026-01-01T00:00:00Z');
  const to = new Date('2026-01-02T00:00:00Z');
  const evil = "acme' OR 1=1 --\\";
  const f: MentionFilter = {
    brand: evil,
    from,
    to,
    direction: 'customer_to_customer',
    mode: 'hybrid',
    sentiment: 'negative',
    emotion: 'anger',
    lang: 'nl',
    source: 'simulator',
    q: "it's ‘broken’ \0 UNION SELECT",
    hideFlagged: true,
  };
  const out: { name: string; sql: string }[] = [
    { name: 'dashboard brands', sql: dashboardQueries.brands() },
    { name: 'dashboard facets', sql: dashboardQueries.facets(evil) },
    { name: 'dashboard modeTimeline', sql: dashboardQueries.modeTimeline(evil, from, to, 'hour') },
    { name: 'dashboard termCounts', sql: dashboardQueries.termCounts(evil, from, from, to) },
    { name: 'dashboard alerts', sql: dashboardQueries.alerts(evil, from, to) },
    { name: 'dashboard mentionsPage', sql: dashboardQueries.mentionsPage(f, 'newest', 50) },
    {
      name: 'dashboard mentionsPage keyset score',
      sql: dashboardQueries.mentionsPage({ brand: 'acme', from, to }, 'most_negative', 50, {
        v: -0.25,
        id: "simulator:1'",
      }),
    },
    {
      name: 'dashboard mentionsPage keyset ts',
      sql: dashboardQueries.mentionsPage(f, 'oldest', 50, { v: 1767225600, id: 'simulator:1' }),
    },
    { name: 'dashboard mentionsCount', sql: dashboardQueries.mentionsCount(f) },
    { name: 'dashboard mentionsExport', sql: dashboardQueries.mentionsExport(f, 'most_positive', 1000) },
    { name: 'dashboard threadOf', sql: dashboardQueries.threadOf(evil, 'simulator:1') },
    { name: 'dashboard threadMessages', sql: dashboardQueries.threadMessages(evil, 'simulator:1', from, to) },
    { name: 'dashboard influencers', sql: dashboardQueries.influencers(evil) },
    { name: 'dashboard trustedVoices', sql: dashboardQueries.trustedVoices(evil) },
    { name: 'dashboard flagged', sql: dashboardQueries.flagged(evil) },
    { name: 'dashboard authorHandles', sql: dashboardQueries.authorHandles(evil, ['simulator:u1', evil]) },
    { name: 'dashboard authorEvidence', sql: dashboardQueries.authorEvidence(evil) },
    { name: 'dashboard care', sql: dashboardQueries.care(evil, from) },
    { name: 'dashboard careQueue', sql: dashboardQueries.careQueue(evil, from) },
    { name: 'dashboard authorMentions', sql: dashboardQueries.authorMentions(evil, evil) },
  ];
  for (const step of STEPS) {
    out.push({ name: `dashboard timeline ${step}`, sql: dashboardQueries.timeline(evil, from, to, step) });
    out.push({ name: `dashboard shareOfVoice ${step}`, sql: dashboardQueries.shareOfVoice(from, to, step) });
  }
  return out;
}
