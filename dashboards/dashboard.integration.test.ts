import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { queryRows } from '../core/clickhouse.ts';
import { sql } from '../core/sql.ts';
import { simulatorBrandConfigs } from '../platforms/simulator/brands.ts';
import { createSource } from '../ingest/sources.ts';
import { SimulatorSourceConfig } from '../platforms/simulator/config.ts';
import { startProcessors, type RunningProcessors } from '../runtime/pipeline.ts';
import { createTestEnv, eventually, ingestIntoRaw, ROOT, scalar, type TestEnv } from '../test/helpers.ts';
import { expectedMentionsFromSimulator } from '../test/expectations.ts';
import { startDashboard, type RunningDashboard } from './server/start.ts';

/**
 * The dashboard on simulator data that went through the real pipeline (Kafka, processors, ClickHouse), served
 * as the read-only `analyst` user: every endpoint, an SQL-injection corpus against every filter, and the pages
 * in a real Chromium (Debian's package, driven by playwright-core).
 */
const DAY = 86_400_000;
const BRAND = 'lumora';
const N = 1500;
// Midnight five days back: the simulated period (75–90 h) ends a day or two ago, so "7 d" shows all of it.
const start = new Date(Math.floor((Date.now() - 5 * DAY) / DAY) * DAY).toISOString();
const source = SimulatorSourceConfig.parse({
  type: 'simulator',
  id: 'dash',
  seed: 'dashboard-it',
  count: N,
  start,
  malformedRate: 0,
  pageSize: 250,
});
const expected = expectedMentionsFromSimulator({ seed: source.seed, count: N, start });
const ARTIFACTS = join(ROOT, '.lateral', 'artifacts');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', process.env.CHROMIUM_PATH ?? ''].find(
  (p) => p && existsSync(p),
);

let t: TestEnv;
let processors: RunningProcessors | undefined;
let dashboard: RunningDashboard;
let base: string;

const api = async (path: string) => {
  const res = await fetch(`${base}api/v1/${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { rows?: unknown[] } };
};
const rows = <T = Record<string, unknown>>(q: string) => queryRows<T>(t.rt.clickhouse, q);

beforeAll(async () => {
  t = await createTestEnv({ batchMs: 200 });
  t.config.brands = simulatorBrandConfigs();
  t.config.threads.horizonDays = 3650;
  processors = await startProcessors(t.rt);
  await ingestIntoRaw(t.rt, createSource(source));
  // The dashboard is under test here, not the pipeline (test/mentions.integration.test.ts grades that): wait
  // until most mentions are in and the count has stopped moving, then compare the API with ClickHouse itself.
  let last = -1;
  let stableSince = Date.now();
  await eventually(
    'mentions in ClickHouse, settled',
    async () => {
      const n = await scalar(t.rt, 'SELECT uniqExact(brand, post_id) FROM mentions');
      if (n !== last) {
        last = n;
        stableSince = Date.now();
      }
      if (n >= expected.total) return true;
      return n >= expected.total * 0.8 && Date.now() - stableSince > 15_000 ? true : undefined;
    },
    240_000,
    500,
  );
  await eventually('authors scored', async () =>
    (await scalar(t.rt, `SELECT count() FROM authors FINAL WHERE brand = '${BRAND}'`)) > 0 ? true : undefined,
  );
  t.config.dashboard = { ...t.config.dashboard, port: 0, rateLimitPerMinute: 100_000 };
  dashboard = await startDashboard(t.config, { env: {} });
  base = dashboard.url;
});

afterAll(async () => {
  await dashboard?.close();
  await Promise.race([processors?.stop(), new Promise((r) => setTimeout(r, 60_000))]);
  await t?.cleanup();
});

const RANGE = 'range=7d';
const since = () => new Date(Date.now() - 7 * DAY - 120_000);

describe('dashboard API on pipeline data', () => {
  it('lists brands and facets', async () => {
    const { body } = await api('brands');
    expect(body.brands).toEqual(expect.arrayContaining(['fietsfabriek', 'kaffeekraft', 'lumora']));
    const facets = (await api(`facets?brand=${BRAND}`)).body;
    expect(facets.langs).toEqual(expect.arrayContaining(['en', 'nl']));
    expect(facets.sources).toEqual(['simulator']);
  });

  it('overview series add up to the mentions in ClickHouse', async () => {
    // Equal once the pipeline has written everything: compared until both reads agree.
    const byDirection = new Map<string, number>();
    await eventually(
      'timeline equal to ClickHouse',
      async () => {
        const timeline = (await api(`overview/timeline?brand=${BRAND}&${RANGE}`)).body as {
          points: { direction: string; mentions: number }[];
        };
        byDirection.clear();
        for (const p of timeline.points)
          byDirection.set(p.direction, (byDirection.get(p.direction) ?? 0) + p.mentions);
        // The rollups count each mention once, with the direction of its first emission (a later version
        // may have another): totals must agree exactly, and every direction must be there.
        const [stored] = await rows<{ n: string }>(
          sql`SELECT uniqExact(post_id) AS n FROM mentions WHERE brand = ${BRAND} AND created_at >= ${since()}`,
        );
        const total = [...byDirection.values()].reduce((a, b) => a + b, 0);
        return byDirection.size === 3 && total === Number(stored?.n) ? true : undefined;
      },
      60_000,
      2_000,
    );
    const modes = (await api(`overview/modes?brand=${BRAND}&${RANGE}`)).body as {
      points: { mentions: number }[];
    };
    expect(modes.points.reduce((a, p) => a + p.mentions, 0)).toBe(
      [...byDirection.values()].reduce((a, b) => a + b, 0),
    );
    const sov = (await api(`overview/share-of-voice?${RANGE}`)).body as {
      brands: { brand: string; mentions: number }[];
    };
    expect(sov.brands.find((b) => b.brand === BRAND)?.mentions).toBe(
      [...byDirection.values()].reduce((a, b) => a + b, 0),
    );
    const care = (await api(`overview/care?brand=${BRAND}&${RANGE}`)).body as {
      addressed: number;
      unanswered: number;
    };
    expect(care.addressed).toBeGreaterThan(0);
    const queue = (await api(`care/queue?brand=${BRAND}&${RANGE}`)).body as { rows: unknown[] };
    expect(queue.rows.length).toBe(Math.min(200, care.unanswered));
    const reach = (await api(`overview/reach?brand=${BRAND}`)).body as { lateralShare: number };
    expect(reach.lateralShare).toBeGreaterThan(0);
    const terms = await api(`overview/terms?brand=${BRAND}&${RANGE}`);
    expect(terms.status).toBe(200);
    const alerts = (await api(`alerts?brand=${BRAND}&${RANGE}`)).body;
    expect(alerts).toMatchObject({ available: true, alerts: [] });
  });

  it('explorer: counts, keyset pages without gaps or repeats, CSV equal to the query', async () => {
    const filter = `brand=${BRAND}&${RANGE}&direction=customer_to_customer`;
    const [truth] = await rows<{ n: string }>(
      sql`SELECT count() AS n FROM (SELECT direction FROM mentions FINAL WHERE brand = ${BRAND} AND created_at >= ${since()}) WHERE direction = 'customer_to_customer'`,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    let total: number;
    do {
      const page = (
        await api(`mentions?${filter}&limit=100&sort=most_negative${cursor ? `&cursor=${cursor}` : ''}`)
      ).body as { rows: { post_id: string; direction: string }[]; next: string | null; total: number };
      total = page.total;
      for (const r of page.rows) {
        expect(r.direction).toBe('customer_to_customer');
        seen.push(r.post_id);
      }
      cursor = page.next;
    } while (cursor);
    expect(total).toBe(Number(truth?.n));
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    const csv = await (await fetch(`${base}api/v1/mentions.csv?${filter}`)).text();
    const lines = csv.trim().split('\n');
    expect(lines[0]).toMatch(/^"?post_id"?,"?created_at"?/);
    const ids = lines.slice(1).map((l) => l.split(',')[0]!.replace(/"/g, ''));
    expect(ids.sort()).toEqual([...seen].sort());
  });

  it('thread view: messages with the directions of the ground truth', async () => {
    const [root] = await rows<{ root_id: string }>(
      sql`SELECT root_id, count() AS n FROM mentions FINAL WHERE brand = ${BRAND} GROUP BY root_id HAVING uniqExact(direction) >= 2 ORDER BY n DESC, root_id LIMIT 1`,
    );
    const thread = (await api(`threads/${encodeURIComponent(root!.root_id)}?brand=${BRAND}`)).body as {
      messages: { post_id: string; direction: string; scored: number; influence: number | null }[];
      mode: string;
    };
    expect(thread.messages.length).toBeGreaterThanOrEqual(2);
    let graded = 0;
    for (const m of thread.messages) {
      const truth = expected.byPost.get(m.post_id);
      if (truth?.brand !== BRAND) continue;
      expect(m.direction, m.post_id).toBe(truth.direction);
      graded++;
    }
    expect(graded).toBeGreaterThanOrEqual(2);
    expect(['oneway', 'twoway', 'multiway', 'hybrid']).toContain(thread.mode);
  });

  it('people and author pages carry scores, evidence and flags', async () => {
    const inf = (await api(`people/influencers?brand=${BRAND}`)).body as {
      rows: { influence: number; has_evidence: number; influence_confidence: number }[];
    };
    expect(inf.rows.length).toBeGreaterThan(0);
    for (const r of inf.rows) expect(r.influence_confidence).toBeGreaterThanOrEqual(0);
    const trusted = (await api(`people/trusted?brand=${BRAND}`)).body as { rows: unknown[] };
    expect(trusted.rows.length).toBeGreaterThan(0);
    const flagged = (await api(`people/flagged?brand=${BRAND}`)).body as {
      rows: { flags: string[]; flag_evidence: string[] }[];
    };
    for (const r of flagged.rows) expect(r.flag_evidence.length).toBeGreaterThan(0);
    const id = (inf.rows[0] as unknown as { author_id: string }).author_id;
    const author = (await api(`authors/${encodeURIComponent(id)}?brand=${BRAND}`)).body as {
      scores: unknown[];
      mentions: unknown[];
    };
    expect(author.scores.length).toBeGreaterThan(0);
  });

  it('SQL injection corpus against every filter: never a 5xx, never a row the filter should not give', async () => {
    const corpus = [
      "'",
      "' OR '1'='1",
      "lumora' OR 1=1 --",
      '\\',
      "\\' OR 1=1 #",
      "x'; DROP TABLE mentions; --",
      "' UNION SELECT post_id FROM mentions --",
      '/* comment */',
      '-- ',
      '‘ OR ‘1’=‘1',
      '＇ OR 1=1',
      'a\u0000b',
      "') OR ('a'='a",
      '1) UNION ALL SELECT * FROM system.tables --',
    ];
    const before = await scalar(t.rt, 'SELECT uniqExact(brand, post_id) FROM mentions');
    // What a literal, case-insensitive substring search must find, computed here without SQL.
    const texts = (
      await rows<{ text: string }>(
        sql`SELECT text FROM mentions FINAL WHERE brand = ${BRAND} AND created_at >= ${since()}`,
      )
    ).map((r) => r.text.toLowerCase());
    const literalMatches = (needle: string) => texts.filter((x) => x.includes(needle.toLowerCase())).length;
    const params = [
      'brand',
      'direction',
      'mode',
      'sentiment',
      'emotion',
      'lang',
      'source',
      'q',
      'hideFlagged',
      'sort',
      'cursor',
      'limit',
      'range',
      'from',
      'to',
    ];
    let requests = 0;
    for (const param of params) {
      for (const payload of corpus) {
        const q = new URLSearchParams({ brand: BRAND, range: '7d' });
        q.set(param, payload);
        if (param === 'from' || param === 'to') q.set('range', 'custom');
        for (const path of ['mentions', 'mentions.csv', 'overview/timeline', 'overview/terms', 'alerts']) {
          const res = await fetch(`${base}api/v1/${path}?${q.toString()}`);
          requests++;
          const what = `${path} ${param}=${JSON.stringify(payload)}`;
          expect(res.status, what).toBeLessThan(500);
          const text = await res.text();
          const accepts =
            (path === 'mentions' ? true : path === 'mentions.csv' ? param !== 'cursor' : false) ||
            ['brand', 'range', 'from', 'to'].includes(param);
          if (!accepts) {
            expect(res.status, what).toBe(200); // a parameter the endpoint does not take is ignored
          } else if (param === 'q') {
            // Free text is matched as a literal: exactly the texts that contain it, never more.
            expect(res.status, what).toBe(200);
            if (path === 'mentions')
              expect((JSON.parse(text) as { total: number }).total, what).toBe(literalMatches(payload));
            else expect(text.startsWith('"post_id"') || text.startsWith('post_id'), what).toBe(true);
          } else {
            expect(res.status, what).toBe(400);
            expect((JSON.parse(text) as { field: string }).field, what).toBe(param);
          }
        }
      }
    }
    for (const payload of corpus) {
      for (const path of [
        `threads/${encodeURIComponent(`simulator:${payload}`)}?brand=${BRAND}`,
        `authors/${encodeURIComponent(`simulator:${payload}`)}?brand=${BRAND}`,
      ]) {
        const res = await fetch(`${base}api/v1/${path}`);
        expect(res.status, path).toBeLessThan(500);
        if (res.status === 200) {
          const body = (await res.json()) as { found?: boolean; scores?: unknown[]; messages?: unknown[] };
          expect(body.messages ?? body.scores ?? []).toEqual([]);
        }
      }
    }
    expect(requests).toBeGreaterThan(1000);
    expect(await scalar(t.rt, 'SELECT uniqExact(brand, post_id) FROM mentions')).toBeGreaterThanOrEqual(
      before,
    );
  });
});

describe('dashboard pages in Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!CHROMIUM) return;
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    // The app's CSP forbids eval; the test's own page.evaluate strings need it.
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, bypassCSP: true });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
  });

  const open = async (path: string, ready: string) => {
    await page.goto(`${base}${path}`);
    await page.waitForFunction(`document.body.dataset.ready === ${JSON.stringify(ready)}`, null, {
      timeout: 30_000,
    });
  };
  const shot = (name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });

  it('every page loads without console errors, with a screenshot of each', async (ctx) => {
    if (!CHROMIUM) return ctx.skip(); // no Chromium on this machine: apt install chromium (CI has it)
    for (const p of ['overview', 'explorer', 'people', 'care', 'alerts']) {
      await open(`${p}?brand=${BRAND}&${RANGE}`, p);
      await shot(p);
    }
    const [author] = await rows<{ author_id: string }>(
      sql`SELECT author_id FROM authors FINAL WHERE brand = ${BRAND} AND is_brand = 0 ORDER BY influence DESC LIMIT 1`,
    );
    await open(`author?brand=${BRAND}&${RANGE}&id=${encodeURIComponent(author!.author_id)}`, 'author');
    await shot('author');
    expect(await page.locator('.empty', { hasText: 'Not scored yet' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('each overview chart draws a non-empty series', async (ctx) => {
    if (!CHROMIUM) return ctx.skip();
    await open(`overview?brand=${BRAND}&${RANGE}`, 'overview');
    // Runs in the page: counts the non-zero points of every chart's series (window.__charts, app.js).
    const drawn = (await page.evaluate(`(() => {
      const out = {};
      for (const [id, chart] of window.__charts) {
        out[id] = chart.getOption().series.flatMap((s) => s.data).filter((d) => {
          const v = Array.isArray(d) ? d[1] : d && typeof d === 'object' ? d.value : d;
          return typeof v === 'number' && v !== 0;
        }).length;
      }
      return out;
    })()`)) as Record<string, number>;
    expect(Object.keys(drawn).sort()).toEqual(['modes', 'sentiment', 'sov', 'volume']);
    for (const [id, n] of Object.entries(drawn)) expect(n, id).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('choosing filters changes the row count to what ClickHouse returns; the CSV link exports that set', async (ctx) => {
    if (!CHROMIUM) return ctx.skip();
    await open(`explorer?brand=${BRAND}&${RANGE}`, 'explorer');
    const count = async () => Number(await page.locator('#row-count').getAttribute('data-count'));
    const inRange = sql`SELECT direction, mode, sentiment_label FROM mentions FINAL WHERE brand = ${BRAND} AND created_at >= ${since()}`;
    // The page refreshes every 5 s: it shows ClickHouse's count once the pipeline has nothing left to write.
    const all = await eventually(
      'explorer count equal to ClickHouse',
      async () => {
        const n = Number((await rows<{ n: string }>(`SELECT count() AS n FROM (${inRange})`))[0]!.n);
        return (await count()) === n ? n : undefined;
      },
      60_000,
      1_000,
    );
    await page.selectOption('select[name=direction]', 'customer_to_customer');
    await page.waitForFunction(
      "document.body.dataset.ready === 'explorer' && location.search.includes('direction=')",
    );
    const lateral = await count();
    expect(lateral).toBe(
      Number(
        (
          await rows<{ n: string }>(
            `SELECT count() AS n FROM (${inRange}) WHERE direction = 'customer_to_customer'`,
          )
        )[0]!.n,
      ),
    );
    expect(lateral).toBeLessThan(all);
    await page.selectOption('select[name=sentiment]', 'negative');
    await page.waitForFunction(
      "document.body.dataset.ready === 'explorer' && location.search.includes('sentiment=')",
    );
    const negative = await count();
    expect(negative).toBe(
      Number(
        (
          await rows<{ n: string }>(
            `SELECT count() AS n FROM (${inRange}) WHERE direction = 'customer_to_customer' AND sentiment_label = 'negative'`,
          )
        )[0]!.n,
      ),
    );
    await shot('explorer-filtered');
    const href = await page.locator('#export-csv').getAttribute('href');
    const csv = await page.evaluate(async (u) => (await fetch(u!)).text(), href);
    expect(csv.trim().split('\n').length - 1).toBe(negative);
    expect(errors).toEqual([]);
  });

  it('thread view shows the directions the simulator ground truth says', async (ctx) => {
    if (!CHROMIUM) return ctx.skip();
    const [root] = await rows<{ root_id: string }>(
      sql`SELECT root_id, count() AS n FROM mentions FINAL WHERE brand = ${BRAND} GROUP BY root_id HAVING uniqExact(direction) >= 2 ORDER BY n DESC, root_id LIMIT 1`,
    );
    await open(`thread?brand=${BRAND}&${RANGE}&post=${encodeURIComponent(root!.root_id)}`, 'thread');
    await shot('thread');
    const shown = await page.$$eval('.msg', (els) =>
      els.map((e) => [e.getAttribute('data-post'), e.getAttribute('data-direction')]),
    );
    let graded = 0;
    for (const [post, direction] of shown) {
      const truth = expected.byPost.get(post!);
      if (truth?.brand !== BRAND) continue;
      expect(direction, post!).toBe(truth.direction);
      graded++;
    }
    expect(graded).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  });

  it('new data appears within 5 s without a reload', async (ctx) => {
    if (!CHROMIUM) return ctx.skip();
    await open(`explorer?brand=${BRAND}&${RANGE}`, 'explorer');
    const before = Number(await page.locator('#row-count').getAttribute('data-count'));
    // A copy of one stored mention with a new id, written now.
    const [row] = await rows<Record<string, unknown>>(
      sql`SELECT * FROM mentions WHERE brand = ${BRAND} LIMIT 1`,
    );
    const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
    await t.rt.clickhouse.insert({
      table: 'mentions',
      values: [{ ...row, post_id: `${String(row!.post_id)}-live`, created_at: now }],
      format: 'JSONEachRow',
    });
    await page.waitForFunction(
      `Number(document.querySelector('#row-count')?.getAttribute('data-count')) === ${before + 1}`,
      null,
      { timeout: 7_000 },
    );
    expect(errors).toEqual([]);
  });
});
