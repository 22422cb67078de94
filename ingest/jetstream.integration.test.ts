import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runSources } from '../runtime/pipeline.ts';
import { DeadLetter } from '../schema/dead-letter.ts';
import { JetstreamSourceConfig } from '../platforms/jetstream/config.ts';
import { topicName } from '../schema/topics.ts';
import { createTestEnv, eventually, readTopic, type TestEnv } from '../test/helpers.ts';
import { CursorStore } from './framework/cursor-store.ts';
import { forgetSeenKeys } from '../platforms/shared/dedup.ts';
import { readCursor } from '../platforms/jetstream/source.ts';
import { startJetstreamServer } from '../platforms/jetstream/test-server.ts';

const lines = readFileSync(
  fileURLToPath(new URL('../platforms/jetstream/fixtures/events.jsonl', import.meta.url)),
  'utf8',
)
  .split('\n')
  .filter(Boolean);

let t: TestEnv;
beforeAll(async () => {
  // createTestEnv → ensureTopics returns once every new topic can list its offsets: ready for use.
  t = await createTestEnv();
});
afterAll(async () => {
  await t?.cleanup();
});

describe('jetstream source on Kafka', () => {
  it('stores its time cursor, dead-letters a broken line, and after a restart replays a few seconds without a repeat', async () => {
    const served = [...lines];
    const server = await startJetstreamServer(served);
    const config = JetstreamSourceConfig.parse({
      type: 'jetstream',
      id: 'it-jetstream',
      url: server.url,
      keywords: ['acme'],
      flushMs: 100,
    });
    const rawTopic = topicName('raw', t.config.namespace);
    const bluesky = async () =>
      (await readTopic(t.rt, rawTopic)).map((m) => m.key ?? '').filter((k) => k.startsWith('bluesky:'));
    try {
      const first = runSources(t.rt, [config]);
      await eventually(
        'first posts',
        async () => ((await bluesky()).length >= 4 ? true : undefined),
        60_000,
        100,
      );
      const cursors = new CursorStore(t.rt.kafka, t.rt.producer, t.config.namespace);
      const stored = await eventually('cursor', async () => {
        const c = await cursors.load('it-jetstream');
        return c && readCursor(c.cursor)!.timeUs >= 1772704800800000 ? c : undefined;
      });
      await first.stop();
      expect(stored.produced).toBe(4);
      const letters = (await readTopic(t.rt, topicName('dlq', t.config.namespace))).map((m) =>
        DeadLetter.parse(JSON.parse(m.value)),
      );
      expect(letters.some((d) => d.component === 'ingest.it-jetstream' && /not JSON/.test(d.error))).toBe(
        true,
      );

      // A new process: only the stored cursor. The server replays from (cursor - 5 s), plus one new post.
      forgetSeenKeys();
      served.push(
        JSON.stringify({
          did: 'did:plc:zoe000000001',
          time_us: 1772704801000000,
          kind: 'commit',
          commit: {
            rev: '3lrevzoe0001',
            operation: 'create',
            collection: 'app.bsky.feed.post',
            rkey: '3lzoe0000001',
            cid: 'bafyreizoe',
            record: {
              $type: 'app.bsky.feed.post',
              text: 'acme again',
              createdAt: '2026-03-05T10:00:01.000Z',
            },
          },
        }),
      );
      const second = runSources(t.rt, [config]);
      try {
        const keys = await eventually(
          'the new post',
          async () => {
            const k = await bluesky();
            return k.some((key) => key.includes('3lzoe0000001')) ? k : undefined;
          },
          60_000,
          100,
        );
        expect(Number(server.connections.at(-1)!.get('cursor'))).toBe(
          readCursor(stored.cursor)!.timeUs - 5_000_000,
        );
        expect(keys).toHaveLength(5);
        expect(new Set(keys).size).toBe(5);
      } finally {
        await second.stop();
      }
    } finally {
      await server.close();
    }
  });
});
