import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseClient } from '../core/clickhouse.ts';
import { queryRows } from '../core/clickhouse.ts';
import { rebuildRollups, rescoreMentions } from '../processors/enrich/rescore.ts';
import { mentionRow } from '../processors/sink/rows.ts';
import { mentionExamples } from '../schema/examples.ts';
import { Mention } from '../schema/mention.ts';
import { topicName } from '../schema/topics.ts';
import { createTestEnv, readTopic, type TestEnv } from './helpers.ts';

let t: TestEnv;

beforeAll(async () => {
  t = await createTestEnv();
});

afterAll(async () => {
  await t?.cleanup();
});

const base = Mention.parse(mentionExamples[0]);

function mention(i: number, day: string, overrides: Partial<Mention> = {}): Mention {
  return {
    ...base,
    postId: `simulator:rr${i}`,
    rootId: `simulator:rr${i}`,
    authorId: `simulator:a${i}`,
    createdAt: `${day}T10:0${i % 10}:00.000Z`,
    sentiment: { score: 0, label: 'neutral', confidence: 0.5, model: 'm1' },
    ...overrides,
  };
}

async function insertMentions(ms: Mention[]): Promise<void> {
  await t.rt.clickhouse.insert({ table: 'mentions', values: ms.map(mentionRow), format: 'JSONEachRow' });
}

/** Mentions and label counts per day, from the minute rollup. */
async function rolled(): Promise<Record<string, string>> {
  const rows = await queryRows<{ day: string; mentions: string; positive: string; negative: string }>(
    t.rt.clickhouse,
    'SELECT toString(toDate(bucket)) AS day, sum(m) AS mentions, sum(p) AS positive, sum(n) AS negative FROM (SELECT bucket, uniqExactMerge(mentions) AS m, uniqExactIfMerge(positive) AS p, uniqExactIfMerge(negative) AS n FROM mention_rollup_minute GROUP BY bucket) GROUP BY day ORDER BY day',
  );
  return Object.fromEntries(rows.map((r) => [r.day, `${r.mentions}/${r.positive}/${r.negative}`]));
}

/** A client whose INSERTs fail: a rebuild that breaks half-way. */
function failingInserts(client: ClickHouseClient): ClickHouseClient {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'command')
        return async (params: { query: string }) => {
          if (/^\s*INSERT/i.test(params.query)) throw new Error('injected failure: insert refused');
          return target.command(params);
        };
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('rollup rebuild and re-score versions', () => {
  it('a rebuild that fails half-way leaves the rollups as they were (no partition is dropped before its replacement exists)', async () => {
    const positive = { ...base.sentiment, label: 'positive' as const, score: 0.8 };
    await insertMentions([
      mention(1, '2025-06-01', { sentiment: positive }),
      mention(2, '2025-06-01'),
      mention(3, '2025-06-02', { sentiment: positive }),
    ]);
    const before = await rolled();
    expect(before).toEqual({ '2025-06-01': '2/1/0', '2025-06-02': '1/1/0' });
    await expect(
      rebuildRollups(failingInserts(t.rt.clickhouse), new Date('2025-06-01T00:00:00Z')),
    ).rejects.toThrow(/injected/);
    expect(await rolled()).toEqual(before);
    // No staging table is left behind.
    const leftovers = await queryRows<{ name: string }>(
      t.rt.clickhouse,
      "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE '%_rebuild_%'",
    );
    expect(leftovers).toEqual([]);
  });

  it('a rebuild swaps in the current figures, and empties a partition whose mentions are gone', async () => {
    // A re-score: mention 2 turns negative (revision 1 is not seen by the materialized view).
    const negative = { ...base.sentiment, label: 'negative' as const, score: -0.7 };
    await insertMentions([
      mention(2, '2025-06-01', { sentiment: negative, version: base.version + 5, revision: 1 }),
    ]);
    await t.rt.clickhouse.command({ query: 'ALTER TABLE mentions DROP PARTITION 20250602' });
    expect(await rolled()).toEqual({ '2025-06-01': '2/1/0', '2025-06-02': '1/1/0' });
    const replaced = await rebuildRollups(t.rt.clickhouse, new Date('2025-06-01T00:00:00Z'));
    expect(replaced).toBe(3); // two days of the minute rollup, one month of the hour rollup
    expect(await rolled()).toEqual({ '2025-06-01': '2/1/1' });
    const hour = await queryRows<{ m: string }>(
      t.rt.clickhouse,
      'SELECT uniqExactMerge(mentions) AS m FROM mention_rollup_hour',
    );
    expect(Number(hour[0]!.m)).toBe(2);
  });

  it('re-score versions are above the stored version even when the CLI host clock lags', async () => {
    // Written by a host whose clock runs a week ahead of this one (the same as this host lagging a week).
    const ahead = Date.now() + 7 * 86_400_000;
    const stored = mention(7, '2024-01-15', {
      sentiment: { score: 0.9, label: 'positive', confidence: 0.9, model: 'some-old-model' },
      text: 'this is terrible, awful and broken, I hate it',
      version: ahead,
      revision: 2,
    });
    await insertMentions([stored]);
    t.config.threads.horizonDays = 1; // past the threads horizon: re-emitted directly by the CLI
    const r = await rescoreMentions(t.rt, {
      since: new Date('2024-01-01T00:00:00Z'),
      model: 'lexicon',
      rebuildRollups: false,
    });
    expect(r.direct).toBeGreaterThanOrEqual(1);
    const emitted = (await readTopic(t.rt, topicName('mentions', t.config.namespace)))
      .map((m) => Mention.parse(JSON.parse(m.value)))
      .filter((m) => m.postId === stored.postId);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.version).toBeGreaterThan(ahead);
    expect(emitted[0]!.revision).toBe(3);
  });
});
