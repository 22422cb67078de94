import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../core/clickhouse.ts';
import { createTestEnv, type TestEnv } from '../../test/helpers.ts';
import { dashboardQueries as dq, type MentionFilter, type Sort } from '../../schema/queries/dashboard.ts';
import { settledQueries } from '../../schema/queries/settled.ts';
import { readSettled, liveIntervals } from '../../dashboards/server/settled.ts';
import { explorerPage } from '../../dashboards/server/explorer.ts';
import { rebuildRollups } from '../enrich/rescore.ts';
import { settleHours } from './settle.ts';

// Settled hours must give exactly the live tables' answers (schema/migrations/0013_settled_hours.sql): before
// settling, after, after late writes into settled hours, after a re-settlement and after a rollup rebuild. The
// explorer's candidate pages and the lookups by thread and author must equal their FINAL-over-the-range forms.

const HOUR = 3_600_000;
const end = new Date(Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR);
const start = new Date(end.getTime() - 3 * 24 * HOUR);
let t: TestEnv;
const rows = <T>(q: string) => queryRows<T>(t.rt.clickhouse, q);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Mentions from numbers(): two brands over three days, threads of five, every direction and mode. */
function insertMentions(offset: number, count: number, version = 1, revision = 0, spread = start): string {
  const h = (k: number) => `(cityHash64(number, ${k}) % 1000000) / 1000000`;
  const span = Math.floor((end.getTime() - spread.getTime()) / 1000);
  return `INSERT INTO mentions (post_id, brand, source, url, author_id, author_handle, author_bot, author_is_brand, text, lang, created_at, reply_to_post_id, quote_of_post_id, repost_of_post_id, root_id, direction, direction_rule, mode, sentiment_score, sentiment_label, sentiment_confidence, sentiment_model, dominant_emotion, advocacy, signals, matched_terms, version, revision)
SELECT concat('t:', toString(number)), if(${h(1)} < 0.7, 'acme', 'zeta'), arrayElement(['mastodon', 'reddit'], 1 + cityHash64(number, 2) % 2), '', concat('t:u', toString(number % 97)), concat('user', toString(number % 97)), 0, ${h(3)} < 0.15,
  concat(arrayElement(['battery', 'delivery', 'refund', 'screen'], 1 + cityHash64(number, 4) % 4), ' ', arrayElement(['broke again', 'works fine', 'arrived late'], 1 + cityHash64(number, 5) % 3)), arrayElement(['en', 'nl'], 1 + cityHash64(number, 6) % 2),
  toDateTime(${Math.floor(spread.getTime() / 1000)} + cityHash64(intDiv(number, 5), 7) % ${span} + number % 5 * 60),
  if(number % 5 = 0, '', concat('t:', toString(number - 1))), '', '', concat('t:', toString(intDiv(number, 5) * 5)),
  multiIf(${h(3)} < 0.15, 'brand_to_customer', ${h(3)} < 0.45, 'customer_to_brand', 'customer_to_customer'), 'test',
  arrayElement(['oneway', 'twoway', 'multiway', 'hybrid'], 1 + cityHash64(intDiv(number, 5), ${8 + revision}) % 4),
  ${h(9 + revision)} * 2 - 1 AS sentiment_score, multiIf(sentiment_score < -0.3, 'negative', sentiment_score > 0.3, 'positive', 'neutral'), 0.8, 'test',
  arrayElement(['', 'joy', 'anger'], 1 + cityHash64(number, 12) % 3), '', if(number % 31 = 0, ['likely_bot'], emptyArrayString()), emptyArrayString(), ${version}, ${revision}
FROM numbers(${offset}, ${count})`;
}

beforeAll(async () => {
  t = await createTestEnv();
  await t.rt.clickhouse.command({ query: insertMentions(0, 20_000) });
  // New versions of a fifth of the posts: another mode and sentiment (the rollups keep revision 0).
  await t.rt.clickhouse.command({
    query: `${insertMentions(0, 20_000, 2, 1)} WHERE number % 5 = 2`,
  });
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
});

interface Read {
  name: string;
  run: (live: Parameters<Parameters<typeof readSettled>[2]>[0]) => Promise<unknown>;
  scope: Parameters<typeof readSettled>[1];
}

function reads(): Read[] {
  const out: Read[] = [];
  const ranges: [string, Date, Date, 'minute' | 'five' | 'fifteen' | 'hour' | 'day'][] = [
    [
      '1 h by minute',
      new Date(end.getTime() - HOUR - 17 * 60_000),
      new Date(end.getTime() - 17 * 60_000),
      'minute',
    ],
    [
      '24 h by fifteen',
      new Date(end.getTime() - 24 * HOUR - 60_000),
      new Date(end.getTime() - 60_000),
      'fifteen',
    ],
    ['3 d by hour', new Date(start.getTime() + 25 * 60_000), end, 'hour'],
    ['4 d by day', new Date(start.getTime() - 24 * HOUR), new Date(end.getTime() + HOUR), 'day'],
  ];
  for (const [label, from, to, step] of ranges) {
    const scope = { brand: 'acme', from, to };
    out.push({
      name: `timeline ${label}`,
      scope,
      run: (live) => rows(dq.timeline('acme', from, to, step, live)),
    });
    out.push({
      name: `modes ${label}`,
      scope,
      run: (live) => rows(dq.modeTimeline('acme', from, to, step, live)),
    });
    out.push({
      name: `share of voice ${label}`,
      scope: { brand: null, from, to },
      run: (live) => rows(dq.shareOfVoice(from, to, step, live)),
    });
  }
  const to = new Date(end.getTime() - 7 * 60_000);
  const currentFrom = new Date(to.getTime() - 24 * HOUR);
  const previousFrom = new Date(currentFrom.getTime() - 24 * HOUR);
  out.push({
    name: 'rising terms',
    scope: { brand: 'acme', from: previousFrom, to, edges: [previousFrom, currentFrom, to] },
    run: (live) => rows(dq.termCounts('acme', previousFrom, currentFrom, to, live)),
  });
  return out;
}

async function expectSettledEqualsLive(): Promise<void> {
  for (const r of reads()) {
    const live = await r.run(undefined);
    const settled = await readSettled(rows, r.scope, r.run);
    expect(settled, r.name).toEqual(live);
    expect((live as unknown[]).length, r.name).toBeGreaterThan(0);
  }
}

async function settledShare(): Promise<number> {
  const states = await rows<{ state: string }>(settledQueries.hourStates('acme', start, end));
  return states.filter((s) => Number(s.state) > 0).length / states.length;
}

describe('settled hours', () => {
  it('give the live answers before and after settling, and are used once settled', async () => {
    await expectSettledEqualsLive();
    expect(await settledShare()).toBe(0);
    await sleep(1100);
    expect(await settleHours(t.rt.clickhouse, { quietSeconds: 0 })).toBeGreaterThan(100);
    expect(await settledShare()).toBe(1);
    const states = (
      await rows<{ brand: string; hour_ts: string; state: string }>(
        settledQueries.hourStates('acme', start, end),
      )
    ).map((s) => ({ brand: s.brand, hour: Number(s.hour_ts), seal: Number(s.state) }));
    expect(liveIntervals(states)).toEqual([]);
    await expectSettledEqualsLive();
  });

  it('a late write into a settled hour is counted at once (the hour is read live), then settled again', async () => {
    const before = await rows<{ mentions: string }>(dq.shareOfVoice(start, end, 'hour'));
    await t.rt.clickhouse.command({
      query: insertMentions(50_000, 40, 1, 0, new Date(start.getTime() + 5 * HOUR)),
    });
    expect(await settledShare()).toBeLessThan(1);
    await expectSettledEqualsLive();
    const after = await readSettled(rows, { brand: null, from: start, to: end }, (live) =>
      rows<{ mentions: string }>(dq.shareOfVoice(start, end, 'hour', live)),
    );
    const total = (r: { mentions: string }[]) => r.reduce((n, x) => n + Number(x.mentions), 0);
    expect(total(after)).toBe(total(before) + 40);
    await sleep(1100);
    expect(await settleHours(t.rt.clickhouse, { quietSeconds: 0 })).toBeGreaterThan(0);
    expect(await settledShare()).toBe(1);
    await expectSettledEqualsLive();
  });

  it('a rollup rebuild marks the hours it replaced unsettled', async () => {
    await rebuildRollups(t.rt.clickhouse, start);
    expect(await settledShare()).toBe(0);
    await expectSettledEqualsLive();
  });
});

describe('explorer pages and lookups without FINAL over the range', () => {
  const filters: MentionFilter[] = [
    { brand: 'acme', from: start, to: end },
    {
      brand: 'acme',
      from: start,
      to: end,
      direction: 'customer_to_customer',
      sentiment: 'negative',
      lang: 'en',
    },
    { brand: 'acme', from: start, to: end, mode: 'hybrid' },
    { brand: 'acme', from: start, to: end, q: 'refund', emotion: 'anger' },
  ];
  const sorts: Sort[] = ['newest', 'oldest', 'most_negative', 'most_positive'];

  it('give the same pages, cursors and counts as mentions FINAL', async () => {
    for (const f of filters)
      for (const sort of sorts) {
        let cursor: { v: number; id: string } | undefined;
        for (let page = 0; page < 3; page++) {
          const expected = await rows<Record<string, unknown>>(dq.mentionsPage(f, sort, 50, cursor));
          const got = await explorerPage(rows, f, sort, 50, cursor);
          expect(got, `${JSON.stringify(f)} ${sort} page ${page}`).toEqual(expected);
          const last = got[49];
          if (!last) break;
          const key = sort === 'newest' || sort === 'oldest' ? 'ts' : 'score';
          cursor = { v: Number(last[key]), id: String(last.post_id) };
        }
        const [count] = await rows<{ n: string }>(dq.mentionsCount(f));
        const [final] = await rows<{ n: string }>(
          `SELECT count() AS n FROM (${dq.mentionsPage(f, sort, 10_000_000)})`,
        );
        expect(Number(count!.n), JSON.stringify(f)).toBe(Number(final!.n));
      }
    // Unfiltered over whole minutes, the server counts from the rollups and settled hours.
    const [total] = await readSettled(rows, { brand: 'acme', from: start, to: end }, (live) =>
      rows<{ n: string }>(dq.mentionTotal('acme', start, end, live)),
    );
    const [final] = await rows<{ n: string }>(
      `SELECT count() AS n FROM (${dq.mentionsPage(filters[0]!, 'newest', 10_000_000)})`,
    );
    expect(Number(total!.n)).toBe(Number(final!.n));
  });

  it('the thread and author lookups find what a scan of mentions FINAL finds', async () => {
    const members = await rows<{ post_id: string; ts: number; author_id: string }>(
      dq.threadMembers('acme', 't:100'),
    );
    const messages = await rows<{ post_id: string }>(dq.threadMessages('acme', 't:100', members));
    const scan = await rows<{ post_id: string }>(
      "SELECT post_id FROM mentions FINAL WHERE brand = 'acme' AND root_id = 't:100' ORDER BY post_id",
    );
    expect(messages.map((m) => m.post_id).sort()).toEqual(scan.map((m) => m.post_id));
    expect(scan.length).toBeGreaterThan(0);
    const recent = await rows<{ post_id: string; ts: number }>(dq.authorRecent('acme', 't:u5', 20));
    const byAuthor = await rows<{ post_id: string }>(dq.mentionsByRefs('acme', recent));
    const authorScan = await rows<{ post_id: string }>(
      "SELECT post_id FROM mentions FINAL WHERE brand = 'acme' AND author_id = 't:u5' ORDER BY created_at DESC, post_id LIMIT 20",
    );
    expect(byAuthor.map((m) => m.post_id)).toEqual(authorScan.map((m) => m.post_id));
  });
});
