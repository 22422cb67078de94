import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { runSources, startProcessors } from '../../runtime/pipeline.ts';
import { WebhookSourceConfig } from '../../platforms/webhook/config.ts';
import { Post } from '../../schema/post.ts';
import { RawEnvelope } from '../../schema/raw-envelope.ts';
import { topicName } from '../../schema/topics.ts';
import { createTestEnv, eventually, readTopic, type TestEnv } from '../../test/helpers.ts';

const search = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../platforms/bluesky/fixtures/search-page-1.json', import.meta.url)),
    'utf8',
  ),
) as { posts: unknown[] };

let t: TestEnv;
beforeAll(async () => {
  // createTestEnv → ensureTopics returns once every new topic can list its offsets: ready for use.
  t = await createTestEnv();
});
afterAll(async () => {
  await t?.cleanup();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('webhook source in runSources', () => {
  it('answers 202 only after Kafka has the items, and they normalise into posts', async () => {
    process.env.LATERAL_IT_WEBHOOK_TOKEN = 'it-token';
    const port = await freePort();
    const config = WebhookSourceConfig.parse({
      type: 'webhook',
      id: 'it-hook',
      port,
      tokenEnv: 'LATERAL_IT_WEBHOOK_TOKEN',
    });
    const run = runSources(t.rt, [config]);
    const processors = await startProcessors(t.rt, ['normalize']);
    try {
      const url = `http://127.0.0.1:${port}/ingest/bluesky`;
      const send = () =>
        fetch(url, {
          method: 'POST',
          headers: { authorization: 'Bearer it-token', 'content-type': 'application/json' },
          body: JSON.stringify(search.posts),
        });
      const res = await eventually('webhook listening', () => send().catch(() => undefined), 30_000, 50);
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ accepted: 3 });
      // Acknowledged means already in the raw topic.
      const raw = (await readTopic(t.rt, topicName('raw', t.config.namespace))).map((m) => ({
        key: m.key,
        envelope: RawEnvelope.parse(JSON.parse(m.value)),
      }));
      // At least once: a produce retried after a partial failure may repeat an item under the same key.
      const expected = [...new Set(raw.map((r) => r.key))].sort();
      expect(expected).toHaveLength(3);
      expect(raw.every((r) => r.envelope.source === 'bluesky' && r.envelope.sourceId === 'it-hook')).toBe(
        true,
      );
      const posts = await eventually('normalised posts', async () => {
        const found = await readTopic(t.rt, topicName('posts', t.config.namespace));
        return found.length >= raw.length ? found.map((m) => Post.parse(JSON.parse(m.value))) : undefined;
      });
      expect([...new Set(posts.map((p) => p.postId))].sort()).toEqual(expected);
      expect(posts.find((p) => p.replyTo)?.replyTo?.authorId).toBe('bluesky:did:plc:acmebrand01');
      const unauthorized = await fetch(url, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(unauthorized.status).toBe(401);
    } finally {
      await processors.stop();
      await run.stop();
    }
    const [progress] = await run.done;
    expect(progress).toMatchObject({ sourceId: 'it-hook', produced: 3 }); // items acknowledged, counted once
  });
});
