// Dashboard API latency on 10 million mentions: `npm run bench:dashboard [-- --rows 10000000 --reload]`.
// Loads a database of its own (lateral_bench_dashboard) inside ClickHouse with INSERT … SELECT FROM numbers()
// (three brands of unequal size, skewed authors, 90 days with a daily rhythm, threads of a few messages, the
// three directions and four modes), then times every API endpoint through the real server as the read-only
// analyst user and prints p50/p95. It prints figures and asserts nothing.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createClient } from '@clickhouse/client';
import { createClickHouse } from '../../core/clickhouse.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { migrate } from '../../schema/migrate.ts';
import type { LateralConfig } from '../../schema/config.ts';
import { startDashboard } from '../../dashboards/server/start.ts';
import { settleHours } from '../../processors/rollups/settle.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000000' },
    reload: { type: 'boolean', default: false },
    requests: { type: 'string', default: '30' },
  },
});
const ROWS = Number(values.rows);
const REQUESTS = Number(values.requests);
const DATABASE = 'lateral_bench_dashboard';
const CHUNK = 500_000;
const AUTHORS = 300_000;

const say = (line: string) => process.stderr.write(`${line}\n`);

/** One chunk of mentions, generated inside ClickHouse from the row number (deterministic per number). */
function mentionsChunk(offset: number, count: number, now: number): string {
  // h(k): a uniform 0..1 per row and purpose.
  const h = (k: number) => `(cityHash64(number, ${k}) % 1000000) / 1000000`;
  return `INSERT INTO mentions (post_id, brand, source, url, author_id, author_handle, author_bot, author_is_brand, author_trust, text, lang, created_at, reply_to_post_id, quote_of_post_id, repost_of_post_id, root_id, direction, direction_rule, mode, sentiment_score, sentiment_label, sentiment_confidence, sentiment_model, dominant_emotion, advocacy, signals, matched_terms, version, revision)
SELECT
  concat('bench:', toString(number)) AS post_id,
  arrayElement(['lumora', 'kaffeekraft', 'fietsfabriek'], ${h(1)} < 0.5 ? 1 : (${h(1)} < 0.8 ? 2 : 3)) AS brand,
  arrayElement(['mastodon', 'bluesky', 'reddit', 'appstore', 'hackernews'], 1 + cityHash64(number, 2) % 5) AS source,
  '' AS url,
  concat('bench:u', toString(toUInt32(pow(${h(3)}, 3) * ${AUTHORS}))) AS author_id,
  concat('user', toString(toUInt32(pow(${h(3)}, 3) * ${AUTHORS}))) AS author_handle,
  0 AS author_bot,
  ${h(10)} < 0.15 AS author_is_brand,
  50 AS author_trust,
  concat(arrayElement(['battery', 'delivery', 'support', 'price', 'update', 'screen', 'refund', 'app', 'sound', 'coffee'], 1 + cityHash64(number, 4) % 10), ' ', arrayElement(['is great', 'broke again', 'took weeks', 'works fine', 'made my day', 'is a joke', 'arrived late', 'feels cheap'], 1 + cityHash64(number, 5) % 8), ' ', arrayElement(['#lumora', 'honestly', 'again', 'today', 'lol', 'thanks', 'seriously', 'wow'], 1 + cityHash64(number, 6) % 8)) AS text,
  arrayElement(['en', 'nl', 'de', 'fr', 'es'], 1 + cityHash64(number, 7) % 5) AS lang,
  toDateTime(${Math.floor(now / 1000)} - toUInt32(${h(8)} * 90 * 86400) - toUInt32(43200 * (1 + sin(${h(9)} * 6.283)) * 0.3)) AS created_at,
  if(number % 5 = 0, '', concat('bench:', toString(number - 1))) AS reply_to_post_id,
  '' AS quote_of_post_id,
  '' AS repost_of_post_id,
  concat('bench:', toString(intDiv(number, 5) * 5)) AS root_id,
  multiIf(${h(10)} < 0.15, 'brand_to_customer', ${h(10)} < 0.45, 'customer_to_brand', 'customer_to_customer') AS direction,
  'bench' AS direction_rule,
  arrayElement(['oneway', 'twoway', 'multiway', 'hybrid'], 1 + cityHash64(intDiv(number, 5), 11) % 4) AS mode,
  (${h(12)} * 2 - 1) AS sentiment_score,
  multiIf(sentiment_score < -0.3, 'negative', sentiment_score > 0.3, 'positive', 'neutral') AS sentiment_label,
  0.8 AS sentiment_confidence,
  'bench' AS sentiment_model,
  arrayElement(['', 'joy', 'anger', 'fear', 'sadness', 'surprise', 'trust'], 1 + cityHash64(number, 13) % 7) AS dominant_emotion,
  '' AS advocacy,
  if(cityHash64(number, 14) % 50 = 0, ['likely_bot'], emptyArrayString()) AS signals,
  emptyArrayString() AS matched_terms,
  1 AS version,
  0 AS revision
FROM numbers(${offset}, ${count})`;
}

function authorsInsert(): string {
  return `INSERT INTO authors (author_id, brand, is_brand, influence, trust, influence_raw, weighted_reactions, unique_reactors, amplification_per_post, pagerank, followers, posts, reputation, behaviour_prior, flags, flag_evidence, components, model, updated_at, version, influence_confidence, has_evidence)
SELECT concat('bench:u', toString(number % ${AUTHORS})) AS author_id, arrayElement(['lumora', 'kaffeekraft', 'fietsfabriek'], 1 + intDiv(number, ${AUTHORS})) AS brand, 0, (cityHash64(number) % 1000) / 10, (cityHash64(number, 1) % 1000) / 10, 0, (cityHash64(number, 2) % 500) / 10, cityHash64(number, 3) % 40, 1, 0.001, cityHash64(number, 4) % 5000, 3, 0.7, 0.9, if(number % 97 = 0, ['spam'], emptyArrayString()), if(number % 97 = 0, ['spam: near-duplicate own posts'], emptyArrayString()), '{}', 'bench', now(), 1, (cityHash64(number, 5) % 100) / 100, toUInt8(cityHash64(number, 3) % 40 >= 3)
FROM numbers(${AUTHORS * 3})`;
}

async function load(config: LateralConfig): Promise<void> {
  const admin = createClickHouse(config, { database: null });
  // Loading a chunk (and its rollups) can take longer than the pipeline client's 60 s timeout.
  const client = createClient({
    url: config.clickhouse.url,
    username: config.clickhouse.username,
    password: config.clickhouse.password,
    database: DATABASE,
    request_timeout: 1_800_000,
  });
  try {
    const existing = await admin
      .query({ query: `SELECT count() AS n FROM ${DATABASE}.mentions`, format: 'JSONEachRow' })
      .then((r) => r.json<{ n: string }>())
      .then((r) => Number(r[0]?.n ?? 0))
      .catch(() => 0);
    if (existing === ROWS && !values.reload) {
      say(`data: ${ROWS.toLocaleString('en')} mentions already in ${DATABASE} (--reload to rebuild)`);
      return;
    }
    await admin.command({ query: `DROP DATABASE IF EXISTS ${DATABASE}` });
    await migrate(config);
    const t0 = performance.now();
    const now = Date.now();
    for (let offset = 0; offset < ROWS; offset += CHUNK) {
      await client.command({ query: mentionsChunk(offset, Math.min(CHUNK, ROWS - offset), now) });
      say(
        `  loaded ${Math.min(offset + CHUNK, ROWS).toLocaleString('en')} mentions (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
      );
    }
    await client.command({ query: authorsInsert() });
    say(
      `data: ${ROWS.toLocaleString('en')} mentions and ${(AUTHORS * 3).toLocaleString('en')} author scores loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s (INSERT … SELECT FROM numbers(), rollups and lookups by their materialized views)`,
    );
    // The loader writes every day partition in each of its chunks; a running deployment's older partitions
    // have been merged by ClickHouse in the background. Merge them now, as time would.
    const t1 = performance.now();
    const parts = await client
      .query({
        query: `SELECT DISTINCT table, partition FROM system.parts WHERE database = '${DATABASE}' AND active AND table IN ('mentions', 'mention_by_root', 'mention_by_author')`,
        format: 'JSONEachRow',
      })
      .then((r) => r.json<{ table: string; partition: string }>());
    for (const p of parts)
      await client.command({ query: `OPTIMIZE TABLE ${p.table} PARTITION ${p.partition} FINAL` });
    say(`merged ${parts.length} partitions in ${((performance.now() - t1) / 1000).toFixed(0)} s`);
  } finally {
    await Promise.all([admin.close(), client.close()]);
  }
}

/** Settles every hour, as `lateral run` does each minute for hours quiet for 5 minutes. */
async function settle(config: LateralConfig): Promise<void> {
  await migrate(config);
  const client = createClickHouse(config);
  try {
    const t0 = performance.now();
    const hours = await settleHours(client, { quietSeconds: 0, maxHours: 1_000_000 });
    say(
      `settled ${hours} brand-hours in ${((performance.now() - t0) / 1000).toFixed(1)} s (processors/rollups/settle.ts)`,
    );
    // Right after a load ClickHouse is still merging the rollups' parts, which a deployment did long ago:
    // measure once no merge of this database has run for 5 s in a row (at most 10 minutes).
    const t1 = performance.now();
    let quiet = 0;
    while (quiet < 5 && performance.now() - t1 < 600_000) {
      const [row] = await client
        .query({
          query: `SELECT count() AS n FROM system.merges WHERE database = '${DATABASE}'`,
          format: 'JSONEachRow',
        })
        .then((r) => r.json<{ n: string }>());
      quiet = Number(row?.n ?? 0) === 0 ? quiet + 1 : 0;
      await new Promise((r) => setTimeout(r, 1000));
    }
    say(`background merges done after ${((performance.now() - t1) / 1000).toFixed(0)} s`);
  } finally {
    await client.close();
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main(): Promise<void> {
  const base = loadConfig();
  const config: LateralConfig = {
    ...base,
    clickhouse: { ...base.clickhouse, database: DATABASE },
    dashboard: { ...base.dashboard, port: 0, rateLimitPerMinute: 1_000_000 },
  };
  say(`command: npm run bench:dashboard -- --rows ${ROWS}`);
  await load(config);
  await settle(config);
  const dashboard = await startDashboard(config, {
    env: {},
    logger: createLogger('dashboard', {}).child({}, { level: 'warn' }),
  });
  const brand = 'lumora';
  const [thread] = await (
    await fetch(
      `${dashboard.url}api/v1/mentions?brand=${brand}&range=24h&limit=1&direction=customer_to_customer`,
    )
  )
    .json()
    .then((b) => (b as { rows: { post_id: string }[] }).rows);
  const [influencer] = await (
    await fetch(`${dashboard.url}api/v1/people/influencers?brand=${brand}&limit=1`)
  )
    .json()
    .then((b) => (b as { rows: { author_id: string }[] }).rows);
  const endpoints: [string, string, string][] = [
    ['overview', 'timeline 24h', `overview/timeline?brand=${brand}&range=24h`],
    ['overview', 'timeline 7d', `overview/timeline?brand=${brand}&range=7d`],
    ['overview', 'timeline 30d', `overview/timeline?brand=${brand}&range=30d`],
    ['overview', 'modes 24h', `overview/modes?brand=${brand}&range=24h`],
    ['overview', 'modes 7d', `overview/modes?brand=${brand}&range=7d`],
    ['overview', 'share of voice 7d', `overview/share-of-voice?brand=${brand}&range=7d`],
    ['overview', 'reach', `overview/reach?brand=${brand}`],
    ['overview', 'care 24h', `overview/care?brand=${brand}&range=24h`],
    ['overview', 'rising terms 24h', `overview/terms?brand=${brand}&range=24h`],
    ['overview', 'alerts 7d', `alerts?brand=${brand}&range=7d`],
    ['explorer', 'mentions 24h, newest', `mentions?brand=${brand}&range=24h`],
    [
      'explorer',
      'mentions 7d, 3 filters',
      `mentions?brand=${brand}&range=7d&direction=customer_to_customer&sentiment=negative&lang=en`,
    ],
    ['explorer', 'mentions 7d, text search', `mentions?brand=${brand}&range=7d&q=refund`],
    ['explorer', 'mentions 30d, most negative', `mentions?brand=${brand}&range=30d&sort=most_negative`],
    ['explorer', 'mentions 24h, hide flagged', `mentions?brand=${brand}&range=24h&hideFlagged=1`],
    ['thread', 'thread', `threads/${encodeURIComponent(thread?.post_id ?? 'bench:5')}?brand=${brand}`],
    ['people', 'influencers', `people/influencers?brand=${brand}`],
    ['people', 'trusted voices', `people/trusted?brand=${brand}`],
    ['people', 'flagged', `people/flagged?brand=${brand}`],
    ['people', 'author', `authors/${encodeURIComponent(influencer?.author_id ?? 'bench:u1')}?brand=${brand}`],
    ['care', 'care queue 7d', `care/queue?brand=${brand}&range=7d`],
  ];
  say(`endpoints: ${REQUESTS} sequential requests each after one warm-up, as the read-only analyst user`);
  say(`${'group'.padEnd(10)}${'endpoint'.padEnd(32)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}  target`);
  for (const [group, name, path] of endpoints) {
    const url = `${dashboard.url}api/v1/${path}`;
    const warm = await fetch(url);
    if (!warm.ok) {
      say(`${group.padEnd(10)}${name.padEnd(32)}  failed: HTTP ${warm.status} ${await warm.text()}`);
      continue;
    }
    await warm.arrayBuffer();
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const target = group === 'overview' ? '≤ 100' : group === 'explorer' || group === 'thread' ? '≤ 300' : '';
    say(
      `${group.padEnd(10)}${name.padEnd(32)}${quantile(times, 0.5).toFixed(0).padStart(8)}${quantile(times, 0.95).toFixed(0).padStart(8)}  ${target}`,
    );
  }
  await dashboard.close();
}

await main();
process.exit(0);
