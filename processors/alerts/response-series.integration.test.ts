import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/helpers.ts';
import { loadSeries } from './series.ts';

/**
 * The response-rate series on ClickHouse: who addressed the brand in a minute, and whom it answered within
 * the window (its first reply counts; a later one, a reply in another brand or a repost do not).
 */
let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(async () => {
  await t?.cleanup();
});

const at = (minute: number, second = 0) =>
  new Date(Date.UTC(2026, 2, 1, 9, minute, second)).toISOString().replace('T', ' ').slice(0, 19);

const row = (
  post_id: string,
  direction: 'customer_to_brand' | 'brand_to_customer' | 'customer_to_customer',
  created_at: string,
  extra: Record<string, unknown> = {},
) => ({
  post_id,
  brand: 'acme',
  source: 'test',
  author_id: `test:${post_id}`,
  created_at,
  direction,
  mode: 'twoway',
  sentiment_label: 'neutral',
  version: 1,
  ...extra,
});

describe('response series (real ClickHouse)', () => {
  it('counts the customers of each minute and those left unanswered within the window', async () => {
    await t.rt.clickhouse.insert({
      table: 'mentions',
      format: 'JSONEachRow',
      values: [
        // Minute 0: three customers. a answered after 10 min, b after 90 min (too late), c never.
        row('a', 'customer_to_brand', at(0, 5)),
        row('b', 'customer_to_brand', at(0, 20)),
        row('c', 'customer_to_brand', at(0, 40), { signals: ['likely_bot'] }),
        row('ra', 'brand_to_customer', at(10), { reply_to_post_id: 'a' }),
        row('ra2', 'brand_to_customer', at(50), { reply_to_post_id: 'a' }),
        row('rb', 'brand_to_customer', at(0, 20).replace('09:00', '10:30'), { reply_to_post_id: 'b' }),
        // Minute 1: one customer answered within a minute; a repost and lateral talk are not addressed.
        row('d', 'customer_to_brand', at(1, 1)),
        row('rd', 'brand_to_customer', at(1, 50), { reply_to_post_id: 'd' }),
        row('e', 'customer_to_brand', at(1, 2), { repost_of_post_id: 'a' }),
        row('f', 'customer_to_customer', at(1, 3)),
        // The same answer id in another brand does not answer acme's customer.
        row('g', 'customer_to_brand', at(2)),
        row('rg', 'brand_to_customer', at(3), { brand: 'other', reply_to_post_id: 'g' }),
      ],
    });
    const from = Date.UTC(2026, 2, 1, 10, 0);
    const series = (await loadSeries(t.rt.clickhouse, ['acme'], from, from + 5 * 60_000, [60])).get('acme')!;
    const rows = series.responses.get(60)!;
    const minute = (m: number) => rows.get(Date.UTC(2026, 2, 1, 9, m));
    expect(minute(0)).toEqual({ addressed: 3, authentic: 2, unanswered: 2, authentic_unanswered: 1 });
    expect(minute(1)).toEqual({ addressed: 1, authentic: 1, unanswered: 0, authentic_unanswered: 0 });
    expect(minute(2)).toEqual({ addressed: 1, authentic: 1, unanswered: 1, authentic_unanswered: 1 });
    expect(minute(3)).toBeUndefined();
  });
});
