import { firstAnswers } from './answers.ts';
import { ident, sql, type SqlValue } from '../../core/sql.ts';
import { inIntervals, settledQueries, TERMS_OF_TEXT, type Interval } from './settled.ts';

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

/**
 * Rows of a settled table (schema/queries/settled.ts) in [from, to): whole hours for hour and day steps (like the
 * hourly rollup's buckets), minutes otherwise; only each hour's latest settlement, outside the live intervals.
 */
function settledRange(
  brand: string | null,
  from: Date,
  to: Date,
  step: Step,
  live: readonly Interval[],
): string {
  const time = step === 'hour' || step === 'day' ? 'hour' : 'minute';
  return `${sql`${ident(time)} >= ${from} AND ${ident(time)} < ${to}`} AND ${settledQueries.latestSettlement(brand, from, to, live)}`;
}

/** A stored mention by id and creation time (fixed for a post), as a lookup or a candidate scan returns it. */
export interface PostRef {
  post_id: string;
  ts: number | string;
  author_id?: string;
}

/** `(…)` of SQL literals; `('')` when empty, which matches nothing. */
function inList(values: readonly string[]): string {
  return `(${values.length ? [...new Set(values)].map((v) => sql`${v}`).join(', ') : "''"})`;
}

/**
 * Rows of some posts: their ids (primary key) and creation times. ClickHouse 18.16 prunes day partitions only by
 * literal times, and FINAL over every partition of a brand costs seconds at 10 million mentions.
 */
function postRefs(refs: readonly PostRef[]): string {
  const times = [...new Set(refs.map((r) => Number(r.ts)))];
  return `post_id IN ${inList(refs.map((r) => r.post_id))} AND created_at IN (${times.length ? times.map((t) => sql`toDateTime(${t}, 'UTC')`).join(', ') : "toDateTime(0, 'UTC')"})`;
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

/**
 * The explorer's filter conditions over the column names of MENTION_COLUMNS. `mutable` are the columns a later
 * version of a mention can change (thread mode, direction, sentiment and emotion after a re-score); the others
 * are fixed when the post is written.
 */
function filterConditions(f: MentionFilter): { mutable: string[]; fixed: string[] } {
  const mutable: string[] = [];
  const fixed: string[] = [];
  if (f.direction) mutable.push(sql`direction = ${f.direction}`);
  if (f.mode) mutable.push(sql`mode = ${f.mode}`);
  if (f.sentiment) mutable.push(sql`sentiment = ${f.sentiment}`);
  if (f.emotion) mutable.push(sql`emotion = ${f.emotion}`);
  if (f.lang) fixed.push(sql`lang = ${f.lang}`);
  if (f.source) fixed.push(sql`source = ${f.source}`);
  if (f.q) fixed.push(sql`positionCaseInsensitiveUTF8(text, ${f.q}) > 0`);
  // Flagged now: any row with flags narrows the authors cheaply, their newest version (FINAL by key) decides.
  if (f.hideFlagged)
    fixed.push(
      sql`author_id NOT IN (SELECT author_id FROM authors FINAL WHERE brand = ${f.brand} AND author_id IN (SELECT author_id FROM authors WHERE brand = ${f.brand} AND length(flags) > 0) AND length(flags) > 0)`,
    );
  return { mutable, fixed };
}

const RANGE = (f: MentionFilter) =>
  sql`brand = ${f.brand} AND created_at >= ${f.from} AND created_at < ${f.to}`;

/**
 * Mentions matching the filters with their newest version (`FINAL`; the filters apply outside it). `ids`
 * narrows FINAL to some posts by id and creation time, which makes it a primary-key lookup in few partitions.
 */
function filteredMentions(f: MentionFilter, extra: string[] = [], refs?: readonly PostRef[]): string {
  const { mutable, fixed } = filterConditions(f);
  const conds = [...extra, ...mutable, ...fixed];
  const narrowed = refs ? ` AND ${postRefs(refs)}` : '';
  const inner = `SELECT ${MENTION_COLUMNS} FROM mentions FINAL WHERE ${RANGE(f)}${narrowed}`;
  return `SELECT * FROM (${inner})${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}`;
}

/** The filter's columns of every stored row (any version, no FINAL), for cheap candidate scans. */
function rawMatches(f: MentionFilter, columns: string, extra: string[] = []): string {
  const { mutable, fixed } = filterConditions(f);
  const conds = [...extra, ...mutable, ...fixed];
  // `columns` is one of this file's constants, never input.
  const inner = `SELECT ${columns} FROM mentions WHERE ${RANGE(f)}`;
  return `SELECT * FROM (${inner})${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}`;
}

/**
 * The column each filter reads, as the explorer's alias; `mutable` when a later version of a mention can
 * change it (thread mode, direction, sentiment and emotion after a re-score).
 */
const FILTER_COLUMNS: { filter: keyof MentionFilter; expr: string; alias: string; mutable: boolean }[] = [
  { filter: 'direction', expr: 'toString(direction)', alias: 'direction', mutable: true },
  { filter: 'mode', expr: 'toString(mode)', alias: 'mode', mutable: true },
  { filter: 'sentiment', expr: 'toString(sentiment_label)', alias: 'sentiment', mutable: true },
  {
    filter: 'emotion',
    expr: "if(dominant_emotion = '', 'none', dominant_emotion)",
    alias: 'emotion',
    mutable: true,
  },
  { filter: 'lang', expr: 'lang', alias: 'lang', mutable: false },
  { filter: 'source', expr: 'source', alias: 'source', mutable: false },
  { filter: 'q', expr: 'text', alias: 'text', mutable: false },
  { filter: 'hideFlagged', expr: 'author_id', alias: 'author_id', mutable: false },
];

/** What a candidate scan reads: ids, sort values and the filtered columns only (18.16 reads what a subquery lists). */
const RAW_COLUMNS = (f: MentionFilter) =>
  [
    'post_id, toUnixTimestamp(created_at) AS ts, sentiment_score AS score',
    ...FILTER_COLUMNS.filter((c) => f[c.filter]).map((c) =>
      c.expr === c.alias ? c.expr : `${c.expr} AS ${c.alias}`,
    ),
  ].join(', ');

/** `, argMax(<column>, version) AS <alias>` for each filter on a column a later version can change. */
function newestOf(f: MentionFilter): string {
  return FILTER_COLUMNS.filter((c) => c.mutable && f[c.filter])
    .map((c) => `, argMax(${c.expr}, version) AS ${c.alias}`)
    .join('');
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
  timeline: (brand: string, from: Date, to: Date, step: Step, live?: readonly Interval[]) => {
    const range = sql`brand = ${brand} AND bucket >= ${from} AND bucket < ${to}`;
    const rollup = `SELECT toUnixTimestamp(${STEP_FUNCTION[step]}(bucket)) AS ts, toString(direction) AS direction, uniqExactMerge(mentions) AS m, uniqExactIfMerge(positive) AS pos, uniqExactIfMerge(negative) AS neg, uniqExactIfMerge(authentic) AS a, uniqExactIfMerge(authentic_positive) AS apos, uniqExactIfMerge(authentic_negative) AS aneg FROM ${rollupFor(step)} WHERE ${range}${live ? ` AND ${inIntervals('bucket', live)}` : ''} GROUP BY bucket, direction, source, lang`;
    const settled = live
      ? ` UNION ALL SELECT toUnixTimestamp(${STEP_FUNCTION[step]}(minute)) AS ts, toString(direction) AS direction, mentions AS m, positive AS pos, negative AS neg, authentic AS a, authentic_positive AS apos, authentic_negative AS aneg FROM mention_settled_counts WHERE ${settledRange(brand, from, to, step, live)}`
      : '';
    return `SELECT ts, direction, sum(m) AS mentions, sum(pos) AS positive, sum(neg) AS negative, sum(a) AS authentic, sum(apos) AS authentic_positive, sum(aneg) AS authentic_negative FROM (${rollup}${settled}) GROUP BY ts, direction ORDER BY ts, direction`;
  },

  /** The communication mix over time: each message with its thread's current mode (`mentions FINAL`). */
  modeTimeline: (brand: string, from: Date, to: Date, step: Step, live?: readonly Interval[]) => {
    const current = `SELECT toUnixTimestamp(${STEP_FUNCTION[step]}(created_at)) AS ts, toString(mode) AS mode, count() AS c FROM mentions FINAL WHERE ${sql`brand = ${brand} AND created_at >= ${from} AND created_at < ${to}`}${live ? ` AND ${inIntervals('created_at', live)}` : ''} GROUP BY ts, mode`;
    const settled = live
      ? ` UNION ALL SELECT toUnixTimestamp(${STEP_FUNCTION[step]}(minute)) AS ts, toString(mode) AS mode, mentions AS c FROM mention_settled_modes WHERE ${settledRange(brand, from, to, 'minute', live)}`
      : '';
    return `SELECT ts, mode, sum(c) AS mentions FROM (${current}${settled}) GROUP BY ts, mode ORDER BY ts, mode`;
  },

  /** Mentions per brand in the range: share of voice. */
  shareOfVoice: (from: Date, to: Date, step: Step, live?: readonly Interval[]) => {
    const rollup = `SELECT brand, uniqExactMerge(mentions) AS m FROM ${rollupFor(step)} WHERE ${sql`bucket >= ${from} AND bucket < ${to}`}${live ? ` AND ${inIntervals('bucket', live)}` : ''} GROUP BY brand, bucket, direction, source, lang`;
    const settled = live
      ? ` UNION ALL SELECT brand, mentions AS m FROM mention_settled_counts WHERE ${settledRange(null, from, to, step, live)}`
      : '';
    return `SELECT brand, sum(m) AS mentions FROM (${rollup}${settled}) GROUP BY brand ORDER BY mentions DESC, brand`;
  },

  /**
   * Words of a brand's mentions in the current window and the one before it (same length), counted once per
   * post; dashboards/server drops stop words and ranks the risers. Settled hours must lie wholly inside one
   * window (the server keeps the hours around the window edges live).
   */
  termCounts: (
    brand: string,
    previousFrom: Date,
    currentFrom: Date,
    to: Date,
    live?: readonly Interval[],
    limit = 400,
  ) => {
    const current =
      sql`SELECT term, uniqExactIf(post_id, created_at >= ${currentFrom}) AS cur, uniqExactIf(post_id, created_at < ${currentFrom}) AS prev FROM (SELECT post_id, created_at, ` +
      TERMS_OF_TEXT +
      sql` AS term FROM mentions WHERE brand = ${brand} AND revision = 0 AND created_at >= ${previousFrom} AND created_at < ${to}`;
    const settled = live
      ? ` AND ${inIntervals('created_at', live)}) GROUP BY term UNION ALL SELECT term, sumIf(posts, ${sql`hour >= ${currentFrom}`}) AS cur, sumIf(posts, ${sql`hour < ${currentFrom}`}) AS prev FROM mention_settled_terms WHERE ${settledRange(brand, previousFrom, to, 'hour', live)} GROUP BY term`
      : ') GROUP BY term';
    return `SELECT term, sum(cur) AS current, sum(prev) AS previous FROM (${current}${settled}) GROUP BY term HAVING current >= 3 ORDER BY current DESC, term LIMIT ${sql`${limit}`}`;
  },

  /** Alerts of a brand whose window overlaps the range, newest first (ReplacingMergeTree: FINAL). */
  alerts: (brand: string, from: Date, to: Date, limit = 200) =>
    sql`SELECT alert_id, rule, series, direction, severity, toUnixTimestamp(window_start) AS start_ts, toUnixTimestamp(window_end) AS end_ts, observed, expected, explanation, toUnixTimestamp(at) AS at_ts FROM alerts FINAL WHERE brand = ${brand} AND window_end >= ${from} AND window_start < ${to} ORDER BY window_start DESC, alert_id LIMIT ${limit}`,

  /** One page of the mentions explorer over `mentions FINAL` (keyset pagination: `limit + 1` rows tell whether more follow). */
  mentionsPage: (f: MentionFilter, sort: Sort, limit: number, cursor?: Cursor) => {
    const base = filteredMentions(f, cursor ? [keyset(sort, cursor)] : []);
    return `${base} ${orderBy(sort)} LIMIT ${sql`${limit + 1}`}`;
  },

  /**
   * The first `k` stored rows (any version) in the page's order that match the filters: the candidates of a
   * page. Every mention whose newest version belongs on the page before the last candidate is among them
   * (dashboards/server/explorer.ts).
   */
  mentionCandidates: (f: MentionFilter, sort: Sort, k: number, cursor?: Cursor) =>
    `SELECT post_id, ts, score FROM (${rawMatches(f, RAW_COLUMNS(f), cursor ? [keyset(sort, cursor)] : [])}) ${orderBy(sort)} LIMIT ${sql`${k}`}`,

  /**
   * The page's order among some candidate posts, judged on each one's newest version (argMax by version over
   * the few columns a version can change; the fixed ones matched already): post id, sort values and version.
   */
  mentionsVerify: (f: MentionFilter, sort: Sort, refs: readonly PostRef[], cursor?: Cursor) => {
    const { mutable } = filterConditions(f);
    const conds = [...mutable, ...(cursor ? [keyset(sort, cursor)] : [])];
    const newest = `SELECT post_id, any(toUnixTimestamp(created_at)) AS ts, argMax(sentiment_score, version) AS score, max(version) AS latest_version${newestOf(f)} FROM mentions WHERE ${RANGE(f)} AND ${postRefs(refs)} GROUP BY post_id`;
    return `SELECT post_id, ts, score, latest_version AS version FROM (${newest})${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''} ${orderBy(sort)}`;
  },

  /** The explorer's columns of some mentions at a given version (one row each, in no particular order). */
  mentionRows: (brand: string, refs: readonly (PostRef & { version: number | string })[]) =>
    `SELECT ${MENTION_COLUMNS} FROM mentions WHERE ${sql`brand = ${brand}`} AND ${postRefs(refs)} AND (post_id, version) IN (${refs.length ? refs.map((r) => sql`(${r.post_id}, ${Number(r.version)})`).join(', ') : "('', 0)"}) LIMIT 1 BY post_id`,

  /**
   * How many mentions match the explorer's filters with their newest version: the posts with a matching stored
   * row, then their newest values of the columns a version can change (argMax by version), without FINAL.
   */
  mentionsCount: (f: MentionFilter) => {
    const { mutable, fixed } = filterConditions(f);
    const where = [RANGE(f), ...fixed].join(' AND ');
    if (mutable.length === 0) return `SELECT uniqExact(post_id) AS n FROM mentions WHERE ${where}`;
    // Conditions on fixed columns keep every version of a post; without any, the posts with a matching stored
    // row narrow the grouping.
    const narrowed = fixed.length
      ? where
      : `${where} AND post_id IN (SELECT post_id FROM (${rawMatches(f, RAW_COLUMNS(f))}))`;
    const newest = `SELECT post_id${newestOf(f)} FROM mentions WHERE ${narrowed} GROUP BY post_id`;
    return `SELECT count() AS n FROM (${newest}) WHERE ${mutable.join(' AND ')}`;
  },

  /**
   * Mentions of a brand in [from, to) without filters: the minute rollup's first emissions, settled minutes
   * outside the live intervals (every mention has a first emission, so this is the explorer's unfiltered count;
   * `from` and `to` must be whole minutes).
   */
  mentionTotal: (brand: string, from: Date, to: Date, live?: readonly Interval[]) => {
    const rollup = `SELECT uniqExactMerge(mentions) AS m FROM mention_rollup_minute WHERE ${sql`brand = ${brand} AND bucket >= ${from} AND bucket < ${to}`}${live ? ` AND ${inIntervals('bucket', live)}` : ''} GROUP BY bucket, direction, source, lang`;
    const settled = live
      ? ` UNION ALL SELECT mentions AS m FROM mention_settled_counts WHERE ${settledRange(brand, from, to, 'minute', live)}`
      : '';
    return `SELECT sum(m) AS n FROM (${rollup}${settled})`;
  },

  /** The explorer's filtered set for CSV export (the server appends `FORMAT CSVWithNames` and streams it). */
  mentionsExport: (f: MentionFilter, sort: Sort, limit: number) =>
    `SELECT post_id, created_at, author_id, author_handle, direction, mode, sentiment, round(score, 3) AS sentiment_score, emotion, lang, source, root_id, url, text FROM (${filteredMentions(f)}) ${orderBy(sort)} LIMIT ${sql`${limit}`}`,

  /** The thread a mention belongs to (its newest version's root) and when it was written; no row if unknown. */
  threadOf: (brand: string, postId: string) =>
    sql`SELECT argMax(root_id, version) AS root_id, toUnixTimestamp(any(created_at)) AS post_ts FROM mentions WHERE brand = ${brand} AND post_id = ${postId} HAVING count() > 0`,

  /** The messages of a thread by the lookup by root (0014_mention_lookups.sql): post ids, times and authors. */
  threadMembers: (brand: string, rootId: string, limit = 5000) =>
    sql`SELECT post_id, toUnixTimestamp(created_at) AS ts, author_id FROM mention_by_root WHERE brand = ${brand} AND root_id = ${rootId} LIMIT 1 BY post_id LIMIT ${limit}`,

  /**
   * Every message of a thread with its author's current influence and trust in the brand community: the
   * members' newest versions (FINAL by primary key and times), whose root is still this one.
   */
  threadMessages: (brand: string, rootId: string, members: readonly PostRef[], limit = 2000) =>
    sql`SELECT post_id, reply_to_post_id, quote_of_post_id, repost_of_post_id, author_id, author_handle, author_is_brand, ts, direction, mode, sentiment, score, emotion, text, url, scored, influence, trust, influence_confidence, has_evidence, flags FROM (SELECT * FROM (SELECT post_id, root_id, reply_to_post_id, quote_of_post_id, repost_of_post_id, author_id, author_handle, author_is_brand, toUnixTimestamp(created_at) AS ts, toString(direction) AS direction, toString(mode) AS mode, toString(sentiment_label) AS sentiment, sentiment_score AS score, dominant_emotion AS emotion, text, url FROM mentions FINAL WHERE brand = ${brand} AND ` +
    postRefs(members) +
    sql`) WHERE root_id = ${rootId}) AS m ANY LEFT JOIN (SELECT author_id, toUInt8(1) AS scored, round(influence, 1) AS influence, round(trust, 1) AS trust, round(influence_confidence, 2) AS influence_confidence, has_evidence, flags FROM authors FINAL WHERE brand = ${brand} AND author_id IN ` +
    inList(members.map((m) => m.author_id ?? '')) +
    sql`) AS a USING (author_id) ORDER BY ts, post_id LIMIT ${limit}`,

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
    sql`SELECT author_id, author_handle AS handle FROM mentions WHERE brand = ${brand} AND post_id IN (SELECT argMax(post_id, created_at) FROM mention_by_author WHERE brand = ${brand} AND author_id IN (` +
    (authorIds.length ? authorIds.map((id) => sql`${id}`).join(', ') : "''") +
    ') GROUP BY author_id) LIMIT 1 BY author_id',

  /** Evidence behind an author's influence per brand (beside `queries.authorScores`). */
  authorEvidence: (authorId: string) =>
    sql`SELECT brand, round(influence_confidence, 2) AS influence_confidence, has_evidence, unique_reactors, round(weighted_reactions, 1) AS weighted_reactions FROM authors FINAL WHERE author_id = ${authorId} ORDER BY brand`,

  /** An author's latest mentions of a brand (lookup by author, 0014_mention_lookups.sql): post ids and times. */
  authorRecent: (brand: string, authorId: string, limit = 20) =>
    sql`SELECT post_id, toUnixTimestamp(created_at) AS ts FROM mention_by_author WHERE brand = ${brand} AND author_id = ${authorId} ORDER BY created_at DESC, post_id DESC LIMIT 1 BY post_id LIMIT ${limit}`,

  /** Some mentions of a brand with their newest version, newest first (FINAL by primary key and times). */
  mentionsByRefs: (brand: string, refs: readonly PostRef[]) =>
    sql`SELECT post_id, author_handle, toUnixTimestamp(created_at) AS ts, toString(direction) AS direction, toString(mode) AS mode, toString(sentiment_label) AS sentiment, root_id, text FROM mentions FINAL WHERE brand = ${brand} AND ` +
    postRefs(refs) +
    ' ORDER BY created_at DESC, post_id',

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

  /**
   * Share of reach carried by customers in one brand community (the view `reach_share` for one brand). FINAL
   * leaves one row per author, so plain counts replace the view's uniqExact of ids.
   */
  reach: (brand: string) =>
    sql`SELECT ${brand} AS brand, round(brand_sum, 1) AS brand_reach, round(customer_sum, 1) AS customer_reach, round(customer_sum / (brand_sum + customer_sum), 3) AS lateral_share, customers, flagged_accounts FROM (SELECT sumIf(weighted_reactions, is_brand = 1) AS brand_sum, sumIf(weighted_reactions, is_brand = 0) AS customer_sum, countIf(is_brand = 0 AND length(flags) = 0) AS customers, countIf(length(flags) > 0) AS flagged_accounts FROM authors FINAL WHERE brand = ${brand} HAVING count() > 0)`,
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
    { name: 'dashboard threadMembers', sql: dashboardQueries.threadMembers(evil, evil) },
    {
      name: 'dashboard threadMessages',
      sql: dashboardQueries.threadMessages(evil, 'simulator:1', [
        { post_id: evil, ts: 1767225600, author_id: evil },
        { post_id: 'simulator:2', ts: 1767225700, author_id: 'simulator:u2' },
      ]),
    },
    { name: 'dashboard threadMessages no members', sql: dashboardQueries.threadMessages(evil, evil, []) },
    { name: 'dashboard influencers', sql: dashboardQueries.influencers(evil) },
    { name: 'dashboard trustedVoices', sql: dashboardQueries.trustedVoices(evil) },
    { name: 'dashboard flagged', sql: dashboardQueries.flagged(evil) },
    { name: 'dashboard authorHandles', sql: dashboardQueries.authorHandles(evil, ['simulator:u1', evil]) },
    { name: 'dashboard authorEvidence', sql: dashboardQueries.authorEvidence(evil) },
    { name: 'dashboard care', sql: dashboardQueries.care(evil, from) },
    { name: 'dashboard reach', sql: dashboardQueries.reach(evil) },
    { name: 'dashboard mentionTotal', sql: dashboardQueries.mentionTotal(evil, from, to) },
    {
      name: 'dashboard mentionCandidates',
      sql: dashboardQueries.mentionCandidates(f, 'most_negative', 200, { v: -0.5, id: evil }),
    },
    {
      name: 'dashboard mentionsVerify',
      sql: dashboardQueries.mentionsVerify(f, 'newest', [{ post_id: evil, ts: 1767225600 }], {
        v: 1767225600,
        id: evil,
      }),
    },
    {
      name: 'dashboard mentionRows',
      sql: dashboardQueries.mentionRows(evil, [{ post_id: evil, ts: 1767225600, version: 3 }]),
    },
    {
      name: 'dashboard mentionTotal settled',
      sql: dashboardQueries.mentionTotal(evil, from, to, [{ from, to: new Date('2026-01-01T05:00:00Z') }]),
    },
    {
      name: 'dashboard mentionsCount fixed only',
      sql: dashboardQueries.mentionsCount({ brand: evil, from, to, lang: 'en' }),
    },
    {
      name: 'dashboard mentionsCount mutable only',
      sql: dashboardQueries.mentionsCount({ brand: evil, from, to, mode: 'hybrid' }),
    },
    { name: 'dashboard careQueue', sql: dashboardQueries.careQueue(evil, from) },
    { name: 'dashboard authorRecent', sql: dashboardQueries.authorRecent(evil, evil) },
    {
      name: 'dashboard mentionsByRefs',
      sql: dashboardQueries.mentionsByRefs(evil, [{ post_id: evil, ts: 1767225600 }]),
    },
  ];
  const live = [
    { from: new Date('2026-01-01T03:00:00Z'), to: new Date('2026-01-01T04:00:00Z') },
    { from: new Date('2026-01-01T20:00:00Z'), to },
  ];
  for (const step of STEPS) {
    out.push({ name: `dashboard timeline ${step}`, sql: dashboardQueries.timeline(evil, from, to, step) });
    out.push({ name: `dashboard shareOfVoice ${step}`, sql: dashboardQueries.shareOfVoice(from, to, step) });
    out.push({
      name: `dashboard timeline settled ${step}`,
      sql: dashboardQueries.timeline(evil, from, to, step, live),
    });
    out.push({
      name: `dashboard shareOfVoice settled ${step}`,
      sql: dashboardQueries.shareOfVoice(from, to, step, live),
    });
    out.push({
      name: `dashboard modeTimeline settled ${step}`,
      sql: dashboardQueries.modeTimeline(evil, from, to, step, live),
    });
  }
  out.push({
    name: 'dashboard termCounts settled',
    sql: dashboardQueries.termCounts(evil, from, from, to, live),
  });
  out.push({
    name: 'dashboard termCounts settled, no live hours',
    sql: dashboardQueries.termCounts(evil, from, from, to, []),
  });
  return out;
}
