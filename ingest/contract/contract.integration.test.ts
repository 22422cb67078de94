import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../platforms/shared/http/client.ts';
import { CursorStore } from '../framework/cursor-store.ts';
import { forgetSeenKeys } from '../../platforms/shared/dedup.ts';
import { ingestOnce } from '../framework/ingestor.ts';
import { DeadLetter } from '../../schema/dead-letter.ts';
import { topicName } from '../../schema/topics.ts';
import { createTestEnv, readTopic, type TestEnv } from '../../test/helpers.ts';
import { loadContracts } from '../../platforms/contracts.ts';
import { startTestServer } from '../../platforms/shared/contract/test-server.ts';

const { connectorContracts } = await loadContracts();

/**
 * The Kafka half of the connector contract, on the real stack: each connector's pass goes through
 * `ingestOnce`, so cursors land in `lateral.cursors.v1`, malformed entries in `lateral.dlq.v1`, and a restarted
 * connector (new instance, nothing in memory) continues from the stored cursor with no gap and no repeat.
 */
let t: TestEnv;
beforeAll(async () => {
  // createTestEnv → ensureTopics returns once every new topic can list its offsets: ready for use.
  t = await createTestEnv();
});
afterAll(async () => {
  await t?.cleanup();
});

describe('connector contract on Kafka', () => {
  for (const spec of connectorContracts) {
    it(`${spec.name}: cursor resume across a restart, malformed entries to the DLQ`, async () => {
      const { store, route } = spec.createPlatform();
      const server = await startTestServer(route);
      try {
        const ns = t.config.namespace;
        const rawTopic = topicName('raw', ns);
        const cursors = new CursorStore(t.rt.kafka, t.rt.producer, ns);
        const id = `contract-${spec.name}`;
        const http = createHttpClient({ baseDelayMs: 10 });
        const now = Date.now();
        const make = () => spec.createSource(server.url, { http, now: () => now, pageSize: 4, id });
        const first = store.add(6, now - 3_600_000);
        store.addMalformed(spec.malformedEntry(now - 1_800_000), now - 1_800_000);
        const pass1 = await ingestOnce(make(), { producer: t.rt.producer, cursors, rawTopic });
        expect(pass1.produced).toBe(6);

        // A restart: a new process has only the stored cursor.
        forgetSeenKeys();
        const later = store.add(5, now - 600_000);
        const pass2 = await ingestOnce(make(), { producer: t.rt.producer, cursors, rawTopic });
        expect(pass2.produced).toBe(5);
        const idle = await ingestOnce(make(), { producer: t.rt.producer, cursors, rawTopic });
        expect(idle.produced).toBe(0);

        const expected = [...first, ...later].map((n) => spec.keyOf(n, server.url));
        const keys = (await readTopic(t.rt, rawTopic))
          .map((m) => m.key)
          .filter((k) => expected.includes(k ?? ''));
        expect(keys.sort()).toEqual([...expected].sort()); // each exactly once
        const stored = await cursors.load(id);
        expect(stored?.produced).toBe(11);
        // Once per process: the restarted one reports the still-listed bad entry again (same DLQ id).
        expect(stored?.rejected).toBeGreaterThanOrEqual(1);

        const letters = (await readTopic(t.rt, topicName('dlq', ns)))
          .map((m) => DeadLetter.parse(JSON.parse(m.value)))
          .filter((d) => d.component === `ingest.${id}`);
        expect(new Set(letters.map((d) => d.id)).size).toBe(1);
        expect(letters.length).toBeLessThanOrEqual(2);
        expect(letters[0]!.error).toMatch(new RegExp(`^${id}: `));
      } finally {
        await server.close();
      }
    });
  }
});
