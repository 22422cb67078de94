import { afterEach, describe, expect, it } from 'vitest';
import { createClickHouse } from '../../core/clickhouse.ts';
import { createLogger } from '../../core/logger.ts';
import { loadConfig } from '../../core/config.ts';
import { DashboardConfig } from '../../schema/dashboard-config.ts';
import {
  assertBindAllowed,
  authorized,
  BindRefused,
  hashPassword,
  isLoopback,
  verifyPassword,
} from './auth.ts';
import { buildDashboard, PAGES } from './app.ts';
import { startDashboard, type RunningDashboard } from './start.ts';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
let running: RunningDashboard | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** An app whose requests never reach ClickHouse (auth, rate limit and parameter checks come first). */
async function app(config: Partial<DashboardConfig> = {}, credentials = {}) {
  const base = loadConfig();
  return buildDashboard({
    config: DashboardConfig.parse(config),
    clickhouse: createClickHouse(base, { username: 'analyst' }),
    credentials,
    logger: createLogger('dashboard-test'),
  });
}

// A loaded machine makes scrypt and a first listen slow: give the tests room.
describe('dashboard security', { timeout: 30_000 }, () => {
  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]']) expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'example.com', '10.0.0.1'])
      expect(isLoopback(h)).toBe(false);
  });

  it('hashes passwords with scrypt and verifies them', () => {
    const hash = hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(verifyPassword('correct horse', hash)).toBe(true);
    expect(verifyPassword('correct hors', hash)).toBe(false);
    expect(DashboardConfig.safeParse({ user: 'ann', passwordHash: hash }).success).toBe(true);
    expect(DashboardConfig.safeParse({ user: 'ann' }).success).toBe(false);
  });

  it('checks bearer tokens and Basic credentials', () => {
    const hash = hashPassword('s3cret');
    const c = { token: 'tok-123', user: 'ann', passwordHash: hash };
    expect(authorized(undefined, c)).toBe(false);
    expect(authorized('Bearer tok-123', c)).toBe(true);
    expect(authorized('Bearer tok-124', c)).toBe(false);
    expect(authorized(basic('ann', 's3cret'), c)).toBe(true);
    expect(authorized(basic('bob', 's3cret'), c)).toBe(false);
    expect(authorized(basic('anyone', 'tok-123'), c)).toBe(true);
    expect(authorized(basic('ann', 'wrong'), c)).toBe(false);
    expect(authorized('Digest x', c)).toBe(false);
    expect(authorized(undefined, {})).toBe(true); // loopback without credentials
  });

  it('refuses a non-loopback bind without credentials, before listening', async () => {
    expect(() => assertBindAllowed('0.0.0.0', {}, 'LATERAL_DASHBOARD_TOKEN')).toThrow(BindRefused);
    expect(() => assertBindAllowed('127.0.0.1', {}, 'LATERAL_DASHBOARD_TOKEN')).not.toThrow();
    const config = loadConfig({ env: { LATERAL_DASHBOARD_HOST: '0.0.0.0', LATERAL_DASHBOARD_PORT: '0' } });
    await expect(startDashboard(config, { env: {} })).rejects.toThrow(
      /refusing to serve the dashboard on 0\.0\.0\.0/,
    );
  });

  it('with credentials on 0.0.0.0: 401 without them, 200 with a token or the user', async () => {
    const hash = hashPassword('pw-ann');
    const config = loadConfig({
      env: {
        LATERAL_DASHBOARD_HOST: '0.0.0.0',
        LATERAL_DASHBOARD_PORT: '0',
        LATERAL_DASHBOARD_USER: 'ann',
        LATERAL_DASHBOARD_PASSWORD_HASH: hash,
      },
    });
    running = await startDashboard(config, { env: { LATERAL_DASHBOARD_TOKEN: 'tok-xyz' } });
    const url = running.url.replace('0.0.0.0', '127.0.0.1');
    for (const path of [
      '',
      'overview',
      'api/v1/brands',
      'api/v1/mentions?brand=lumora',
      'assets/app.js',
      'vendor/echarts/echarts.min.js',
    ]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
      expect(await res.text()).not.toMatch(/at .*\.ts/);
    }
    expect((await fetch(`${url}overview`, { headers: { authorization: 'Bearer tok-xyz' } })).status).toBe(
      200,
    );
    expect(
      (await fetch(`${url}overview`, { headers: { authorization: basic('ann', 'pw-ann') } })).status,
    ).toBe(200);
    expect(
      (await fetch(`${url}overview`, { headers: { authorization: basic('ann', 'pw-bob') } })).status,
    ).toBe(401);
  }, 30_000);

  it('rate-limits requests per client', async () => {
    const a = await app({ rateLimitPerMinute: 5 });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await a.inject({ url: '/overview' })).statusCode);
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(codes.slice(5)).toEqual([429, 429]);
    await a.close();
  });

  it('serves every page and the assets locally (no CDN)', async () => {
    const a = await app();
    for (const p of ['/', ...PAGES.map((x) => `/${x}`)]) {
      const res = await a.inject({ url: p });
      expect(res.statusCode, p).toBe(200);
      expect(res.body).toContain('/vendor/echarts/echarts.min.js');
      expect(res.body).not.toMatch(/https?:\/\//);
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    }
    expect((await a.inject({ url: '/vendor/echarts/echarts.min.js' })).statusCode).toBe(200);
    expect((await a.inject({ url: '/vendor/echarts/echarts.js' })).statusCode).toBe(404);
    expect((await a.inject({ url: '/assets/../server/auth.ts' })).statusCode).toBe(404);
    await a.close();
  });

  it('answers bad parameters with 400 naming the field, never a stack trace', async () => {
    const a = await app();
    const cases: [string, string][] = [
      ['/api/v1/overview/timeline', 'brand'],
      ['/api/v1/overview/timeline?brand=Lumora', 'brand'],
      ['/api/v1/overview/timeline?brand=lumora&range=2y', 'range'],
      ['/api/v1/overview/modes?brand=lumora&range=custom', 'from'],
      ['/api/v1/overview/modes?brand=lumora&range=custom&from=2026-01-02T00:00:00Z', 'to'],
      [
        '/api/v1/overview/terms?brand=lumora&range=custom&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
        'to',
      ],
      ['/api/v1/overview/share-of-voice?range=custom&from=yesterday&to=2026-01-01T00:00:00Z', 'from'],
      ['/api/v1/overview/care?brand=', 'brand'],
      ['/api/v1/overview/reach', 'brand'],
      ['/api/v1/facets?brand=a%27b', 'brand'],
      ['/api/v1/alerts?brand=lumora&range=1w', 'range'],
      ['/api/v1/mentions?brand=lumora&direction=sideways', 'direction'],
      ['/api/v1/mentions?brand=lumora&mode=broadcast', 'mode'],
      ['/api/v1/mentions?brand=lumora&sentiment=angry', 'sentiment'],
      ['/api/v1/mentions?brand=lumora&emotion=rage', 'emotion'],
      ['/api/v1/mentions?brand=lumora&lang=english', 'lang'],
      ['/api/v1/mentions?brand=lumora&source=a%20b', 'source'],
      ['/api/v1/mentions?brand=lumora&q=' + 'x'.repeat(201), 'q'],
      ['/api/v1/mentions?brand=lumora&hideFlagged=yes', 'hideFlagged'],
      ['/api/v1/mentions?brand=lumora&sort=random', 'sort'],
      ['/api/v1/mentions?brand=lumora&limit=5000', 'limit'],
      ['/api/v1/mentions?brand=lumora&limit=ten', 'limit'],
      ['/api/v1/mentions?brand=lumora&cursor=bm9wZQ', 'cursor'],
      ['/api/v1/mentions.csv?brand=lumora&direction=x', 'direction'],
      ['/api/v1/threads/not-an-id?brand=lumora', 'postId'],
      ['/api/v1/threads/simulator:1', 'brand'],
      ['/api/v1/people/influencers?brand=lumora&limit=0', 'limit'],
      ['/api/v1/people/trusted', 'brand'],
      ['/api/v1/people/flagged?brand=LUMORA', 'brand'],
      ['/api/v1/authors/%20x', 'authorId'],
      ['/api/v1/authors/simulator:u1?brand=%00', 'brand'],
      ['/api/v1/care/queue?brand=lumora&range=forever', 'range'],
    ];
    for (const [url, field] of cases) {
      const res = await a.inject({ url });
      expect(res.statusCode, url).toBe(400);
      const body = res.json() as { field: string; message: string };
      expect(body.field, url).toBe(field);
      expect(body.message, url).toContain(field);
      expect(res.body, url).not.toMatch(/node_modules|\.ts:\d+/);
    }
    await a.close();
  });
});
