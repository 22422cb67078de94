import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppStoreSourceConfig } from './config.ts';
import { runPass } from '../shared/contract/suite.ts';
import { startTestServer, type TestServer } from '../shared/contract/test-server.ts';
import { createHttpClient } from '../shared/http/client.ts';
import { appStoreFeed } from './fixtures.ts';
import { createAppStoreSource, type AppStoreReviewPayload } from './source.ts';

const page1 = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/reviews-page-1.json', import.meta.url)), 'utf8'),
) as unknown;
const now = Date.parse('2026-03-05T12:00:00Z');
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('app store source on the documented feed', () => {
  it('reads every storefront, names the product from the feed, stops at the empty page and dead-letters a review without rating', async () => {
    server = await startTestServer((req) =>
      req.path.includes('/page=1/') ? { body: page1 } : { body: appStoreFeed('1450000000', 'us', 2, []) },
    );
    const config = AppStoreSourceConfig.parse({
      type: 'appstore',
      id: 'reviews',
      baseUrl: server.url,
      apps: [{ id: '1450000000', countries: ['us', 'nl'] }],
      backfill: '7d',
    });
    const source = createAppStoreSource(config, {
      http: createHttpClient({ baseDelayMs: 5 }),
      now: () => now,
    });
    const pass = await runPass(source, undefined);
    const payloads: AppStoreReviewPayload[] = [];
    for await (const page of source.pages(pass.cursors.at(-1), new AbortController().signal))
      payloads.push(...page.items.map((i) => i.payload as AppStoreReviewPayload));
    expect(payloads).toEqual([]); // a second pass from the cursor finds nothing new
    const first = source.pages(undefined, new AbortController().signal)[Symbol.asyncIterator]();
    const firstPage = (await first.next()).value as { items: { payload: AppStoreReviewPayload }[] };
    expect(firstPage.items[0]!.payload.app).toEqual({ id: '1450000000', country: 'us', name: 'Kettlebrew' });
    await first.return?.();
    // Both storefronts list the same reviews here; the second is deduplicated by review id.
    expect(pass.keys).toEqual(['appstore:11223344001', 'appstore:11223344556']);
    expect(pass.rejected.map((r) => r.key)).toEqual(['appstore:11223343999', 'appstore:11223343999']);
    expect(pass.rejected[0]!.reason).toMatch(/im:rating/);
    expect(server.requests.slice(0, 4).map((r) => r.path)).toEqual([
      '/us/rss/customerreviews/page=1/id=1450000000/sortby=mostrecent/json',
      '/us/rss/customerreviews/page=2/id=1450000000/sortby=mostrecent/json',
      '/nl/rss/customerreviews/page=1/id=1450000000/sortby=mostrecent/json',
      '/nl/rss/customerreviews/page=2/id=1450000000/sortby=mostrecent/json',
    ]);
  });
});
