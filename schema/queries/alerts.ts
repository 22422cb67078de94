import { firstAnswers } from './answers.ts';
import { sql } from '../../core/sql.ts';

/**
 * The alerts component's queries (processors/alerts). Portable SQL like schema/queries.ts, and run on both
 * engines by the portable-SQL test through `alertQueriesWithSamples`.
 */

/** A mention counts as flagged when its author carried a flag when it was emitted or carries one now. */
const FLAGGED_JOIN = `ANY LEFT JOIN (SELECT brand, author_id, toUInt8(length(flags) > 0) AS flagged_now FROM authors FINAL) AS a USING (brand, author_id)`;

export const alertQueries = {
  /** Per brand: first and last minute with mentions (the event-time watermark of detection). */
  brandWatermarks: () =>
    'SELECT brand, min(bucket) AS first_bucket, max(bucket) AS last_bucket FROM mention_rollup_minute GROUP BY brand ORDER BY brand',

  /**
   * Per brand × minute × direction, raw and authentic counts of all, negative and positive mentions, from the
   * newest version of every mention (current sentiment) and the authors' current flags.
   */
  minuteSeries: (brands: string[], from: Date, to: Date) =>
    sql`SELECT brand, toUInt32(toStartOfMinute(created_at)) AS minute, toString(direction) AS direction, count() AS mentions, countIf(flagged = 0) AS authentic, countIf(sentiment_label = 'negative') AS negative, countIf(flagged = 0 AND sentiment_label = 'negative') AS authentic_negative, countIf(sentiment_label = 'positive') AS positive, countIf(flagged = 0 AND sentiment_label = 'positive') AS authentic_positive FROM (SELECT brand, created_at, direction, sentiment_label, toUInt8(length(signals) > 0 OR flagged_now = 1) AS flagged FROM (SELECT brand, post_id, author_id, created_at, direction, sentiment_label, signals FROM mentions FINAL WHERE has(${brands}, brand) AND created_at >= ${from} AND created_at < ${to}) AS m ` +
    FLAGGED_JOIN +
    `) GROUP BY brand, minute, direction ORDER BY brand, minute`,

  /**
   * Per brand × minute, customers who addressed the brand then (customer_to_brand, reposts aside; raw and
   * authentic) and how many the brand did not answer within `withinMinutes` (its first reply to them).
   */
  responseSeries: (brands: string[], from: Date, to: Date, withinMinutes: number) =>
    sql`SELECT brand, toUInt32(toStartOfMinute(created_at)) AS minute, count() AS addressed, countIf(flagged = 0) AS authentic, countIf(answered = 0) AS unanswered, countIf(flagged = 0 AND answered = 0) AS authentic_unanswered FROM (SELECT brand, created_at, answered, toUInt8(length(signals) > 0 OR flagged_now = 1) AS flagged FROM (SELECT brand, post_id, author_id, created_at, signals, toUInt8(toUInt32(replied_at) > 0 AND toUInt32(replied_at) < toUInt32(created_at) + ${withinMinutes * 60}) AS answered FROM (SELECT brand, post_id, author_id, created_at, signals FROM mentions FINAL WHERE has(${brands}, brand) AND direction = 'customer_to_brand' AND repost_of_post_id = '' AND created_at >= ${from} AND created_at < ${to}) AS asked ANY LEFT JOIN ` +
    firstAnswers(
      sql`has(${brands}, brand) AND created_at >= ${from} AND created_at < ${new Date(to.getTime() + withinMinutes * 60_000)}`,
    ) +
    sql` USING (brand, post_id)) AS m ` +
    FLAGGED_JOIN +
    `) GROUP BY brand, minute ORDER BY brand, minute`,

  /** Customers who addressed the brand in the window and were not answered within `withinMinutes`. */
  windowUnanswered: (brand: string, from: Date, to: Date, withinMinutes: number, limit = 3) =>
    sql`SELECT post_id, url, author_handle, text, created_at FROM (SELECT brand, post_id, url, author_handle, text, created_at, author_followers FROM mentions FINAL WHERE brand = ${brand} AND direction = 'customer_to_brand' AND repost_of_post_id = '' AND created_at >= ${from} AND created_at < ${to}) AS asked ANY LEFT JOIN ` +
    firstAnswers(sql`brand = ${brand} AND created_at >= ${from}`) +
    sql` USING (brand, post_id) WHERE NOT (toUInt32(replied_at) > 0 AND toUInt32(replied_at) < toUInt32(created_at) + ${withinMinutes * 60}) ORDER BY ifNull(author_followers, 0) DESC, post_id LIMIT ${limit}`,

  /** Mentions per direction × source in the window and in the baseline period before it. */
  windowBreakdown: (brand: string, baseFrom: Date, from: Date, to: Date, negativeOnly: boolean) =>
    sql`SELECT toString(direction) AS direction, source, countIf(created_at >= ${from}) AS observed, countIf(created_at < ${from}) AS baseline, countIf(created_at >= ${from} AND flagged = 1) AS flagged_mentions FROM (SELECT direction, source, created_at, toUInt8(signalled = 1 OR flagged_now = 1) AS flagged FROM (SELECT brand, author_id, direction, source, created_at, toUInt8(length(signals) > 0) AS signalled FROM mentions FINAL WHERE brand = ${brand} AND created_at >= ${baseFrom} AND created_at < ${to} AND (${!negativeOnly} OR sentiment_label = 'negative')) AS m ` +
    FLAGGED_JOIN +
    `) GROUP BY direction, source ORDER BY observed DESC, direction, source`,

  /** Words (3+ letters, once per post) in the window and in the baseline period, most used in the window first. */
  windowTerms: (brand: string, baseFrom: Date, from: Date, to: Date, negativeOnly: boolean, limit = 300) =>
    sql`SELECT term, countIf(created_at >= ${from}) AS observed, countIf(created_at < ${from}) AS baseline FROM (SELECT created_at, arrayJoin(arrayFilter(w -> length(w) >= 3, arrayDistinct(alphaTokens(lower(text))))) AS term FROM mentions FINAL WHERE brand = ${brand} AND created_at >= ${baseFrom} AND created_at < ${to} AND (${!negativeOnly} OR sentiment_label = 'negative')) GROUP BY term HAVING observed >= 2 ORDER BY observed DESC, term LIMIT ${limit}`,

  /** The authors with the most reach in the window, with their current influence, trust and flags. */
  windowAuthors: (brand: string, from: Date, to: Date, negativeOnly: boolean, limit = 5) =>
    sql`SELECT author_id, handle, mentions, followers, scored, influence, trust, flags FROM (SELECT brand, author_id, any(author_handle) AS handle, count() AS mentions, max(ifNull(author_followers, 0)) AS followers FROM mentions FINAL WHERE brand = ${brand} AND created_at >= ${from} AND created_at < ${to} AND author_is_brand = 0 AND author_id != '' AND (${!negativeOnly} OR sentiment_label = 'negative') GROUP BY brand, author_id) AS w ANY LEFT JOIN (SELECT brand, author_id, toUInt8(1) AS scored, influence, trust, flags FROM authors FINAL WHERE brand = ${brand}) AS a USING (brand, author_id) ORDER BY influence DESC, followers DESC, mentions DESC, author_id LIMIT ${limit}`,

  /** Posts from the window to quote: the most followed authors first. */
  windowSamples: (brand: string, from: Date, to: Date, negativeOnly: boolean, limit = 3) =>
    sql`SELECT post_id, url, author_handle, text, created_at FROM mentions FINAL WHERE brand = ${brand} AND created_at >= ${from} AND created_at < ${to} AND author_is_brand = 0 AND repost_of_post_id = '' AND (${!negativeOnly} OR sentiment_label = 'negative') ORDER BY ifNull(author_followers, 0) DESC, post_id LIMIT ${limit}`,

  /** Which of these alert ids are already stored. */
  knownAlerts: (ids: string[]) =>
    sql`SELECT alert_id, max(delivered) AS delivered FROM alerts WHERE has(${ids}, alert_id) GROUP BY alert_id`,

  /** Alerts no notifier has finished with: newest version of each alert whose every version is undelivered. */
  pendingAlerts: (limit = 500) =>
    sql`SELECT alert_id, brand, rule, series, direction, severity, detector, window_start, window_end, observed, expected, p_value, explanation, at, version FROM alerts WHERE alert_id IN (SELECT alert_id FROM alerts GROUP BY alert_id HAVING max(delivered) = 0) ORDER BY window_start, alert_id, version DESC LIMIT 1 BY alert_id LIMIT ${limit}`,

  /** Channels that already accepted these alerts. */
  deliveredChannels: (ids: string[]) =>
    sql`SELECT alert_id, channel FROM alert_deliveries WHERE has(${ids}, alert_id) GROUP BY alert_id, channel`,

  /** The detector's saved position and state per brand. */
  detectorState: () =>
    'SELECT brand, toUInt32(argMax(processed_to, version)) AS processed_to, argMax(state, version) AS state FROM alert_state GROUP BY brand',

  /** The newest alert per brand (`lateral status`). */
  lastAlertPerBrand: () =>
    'SELECT brand, argMax(rule, window_start) AS last_rule, argMax(severity, window_start) AS last_severity, max(window_start) AS last_window_start, argMax(explanation, window_start) AS last_explanation, count() AS alerts, sum(delivered) AS delivered_alerts FROM (SELECT alert_id, brand, rule, severity, window_start, explanation, delivered FROM alerts FINAL) GROUP BY brand ORDER BY brand',

  /** Alerts of one brand (or all) since a time, one row per alert, newest version (dashboard, CLI). */
  alertsSince: (since: Date, brand?: string, limit = 200) =>
    brand === undefined
      ? sql`SELECT alert_id, brand, rule, series, direction, severity, window_start, window_end, observed, expected, explanation, delivered FROM alerts FINAL WHERE window_start >= ${since} ORDER BY window_start DESC LIMIT ${limit}`
      : sql`SELECT alert_id, brand, rule, series, direction, severity, window_start, window_end, observed, expected, explanation, delivered FROM alerts FINAL WHERE brand = ${brand} AND window_start >= ${since} ORDER BY window_start DESC LIMIT ${limit}`,
} as const;

/** A sample `alerts` row in the JSONEachRow form the component inserts. */
export const sampleAlertRow = {
  alert_id: "kettle:negative-surge:2026-03-01T09:00:00.000Z'",
  brand: 'kettle',
  rule: 'negative-surge',
  series: 'negative',
  direction: 'all',
  severity: 'critical',
  window_start: '2026-03-01 09:00:00',
  window_end: '2026-03-01 09:03:00',
  observed: 14,
  expected: 1.6,
  explanation: '{"summary":"x"}',
  at: '2026-03-01 09:04:05',
  version: 1,
  detector: 'nb',
  p_value: 1e-9,
  delivered: 0,
};

/** Every alerts query with sample arguments, for the portable-SQL test. */
export function alertQueriesWithSamples(): { name: string; sql: string }[] {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const t1 = new Date('2026-01-01T01:00:00Z');
  const t2 = new Date('2026-01-01T01:05:00Z');
  const q = alertQueries;
  return [
    {
      name: 'insert alerts row',
      sql: `INSERT INTO alerts FORMAT JSONEachRow ${JSON.stringify(sampleAlertRow)}`,
    },
    {
      name: 'insert alert_deliveries row',
      sql: `INSERT INTO alert_deliveries FORMAT JSONEachRow ${JSON.stringify({ alert_id: 'a', brand: 'b', channel: 'webhook:ops', attempts: 3, delivered_at: '2026-03-01 09:04:06', version: 1 })}`,
    },
    {
      name: 'insert alert_state row',
      sql: `INSERT INTO alert_state FORMAT JSONEachRow ${JSON.stringify({ brand: 'b', processed_to: '2026-03-01 09:04:00', state: '{}', version: 1 })}`,
    },
    { name: 'alerts.brandWatermarks', sql: q.brandWatermarks() },
    { name: 'alerts.minuteSeries', sql: q.minuteSeries(['acme', "o'brien"], t0, t1) },
    { name: 'alerts.responseSeries', sql: q.responseSeries(['acme', "o'brien"], t0, t1, 60) },
    { name: 'alerts.windowUnanswered', sql: q.windowUnanswered('acme', t1, t2, 60) },
    { name: 'alerts.windowBreakdown', sql: q.windowBreakdown('acme', t0, t1, t2, true) },
    { name: 'alerts.windowTerms', sql: q.windowTerms('acme', t0, t1, t2, false, 50) },
    { name: 'alerts.windowAuthors', sql: q.windowAuthors('acme', t1, t2, true) },
    { name: 'alerts.windowSamples', sql: q.windowSamples('acme', t1, t2, false) },
    { name: 'alerts.knownAlerts', sql: q.knownAlerts(['a', "b'"]) },
    { name: 'alerts.pendingAlerts', sql: q.pendingAlerts(10) },
    { name: 'alerts.deliveredChannels', sql: q.deliveredChannels(['a']) },
    { name: 'alerts.detectorState', sql: q.detectorState() },
    { name: 'alerts.lastAlertPerBrand', sql: q.lastAlertPerBrand() },
    { name: 'alerts.alertsSince', sql: q.alertsSince(t0) },
    { name: 'alerts.alertsSinceBrand', sql: q.alertsSince(t0, 'acme', 10) },
  ];
}
