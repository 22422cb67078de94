import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { WebhookSourceConfig } from '../../schema/config.ts';
import { RawEnvelope } from '../../schema/raw-envelope.ts';
import { authorized, isLoopback, resolveToken } from './auth.ts';
import { parseBody } from './body.ts';
import { startWebhookServer, type RawMessage, type WebhookServer } from './server.ts';

const TOKEN = 's3cret-token';
const searchPage = JSON.parse(
  readFileSync(fileURLToPath(new URL('../bluesky/fixtures/search-page-1.json', import.meta.url)), 'utf8'),
) as { posts: Record<string, unknown>[] };

let server: WebhookServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(produced: RawMessage[][], extra: Record<string, unknown> = {}, fail = false) {
  const config = WebhookSourceConfig.parse({
    type: 'webhook',
    id: 'hook',
    port: 0,
    tokenEnv: 'HOOK_TOKEN',
    ...extra,
  });
  server = await startWebhookServer(config, {
    env: { HOOK_TOKEN: TOKEN },
    produce: async (messages) => {
      if (fail) throw new Error('broker down');
      produced.push(messages);
    },
  });
  return server.url;
}

const post = (url: string, body: string, token: string | null = TOKEN) =>
  fetch(url, {
    method: 'POST',
    body,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });

describe('parseBody', () => {
  it('accepts an object, an array of objects and JSON Lines', () => {
    expect(parseBody('{"a":1}')).toEqual({ items: [{ a: 1 }] });
    expect(parseBody('[{"a":1},{"b":2}]')).toEqual({ items: [{ a: 1 }, { b: 2 }] });
    expect(parseBody('{"a":1}\n\n{"b":2}\n')).toEqual({ items: [{ a: 1 }, { b: 2 }] });
  });

  it('names what is wrong and where', () => {
    expect(parseBody('')).toEqual({ error: expect.stringContaining('empty body') });
    expect(parseBody('{"a":')).toEqual({ error: expect.stringContaining('not valid JSON') });
    expect(parseBody('{"a":1}\n{oops}')).toEqual({ error: expect.stringContaining('line 2') });
    expect(parseBody('[{"a":1}, 3]')).toEqual({ error: 'item [1] of the array is not a JSON object' });
    expect(parseBody('42')).toEqual({ error: expect.stringContaining('must be a JSON object') });
  });
});

describe('webhook auth', () => {
  it('compares bearer tokens and refuses a non-loopback host without one', () => {
    expect(authorized(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(authorized('Bearer nope', TOKEN)).toBe(false);
    expect(authorized(undefined, TOKEN)).toBe(false);
    expect(authorized(TOKEN, TOKEN)).toBe(false);
    expect(isLoopback('127.0.0.1') && isLoopback('::1') && isLoopback('localhost')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(() => resolveToken({ id: 'h', host: '0.0.0.0' }, {})).toThrow(/refusing to listen on 0\.0\.0\.0/);
    expect(() => resolveToken({ id: 'h', host: '127.0.0.1', tokenEnv: 'T' }, {})).toThrow(/T is empty/);
    expect(resolveToken({ id: 'h', host: '127.0.0.1' }, {})).toBeUndefined();
  });

  it('does not start on a public address without a token', async () => {
    const config = WebhookSourceConfig.parse({ type: 'webhook', id: 'open', host: '0.0.0.0', port: 0 });
    await expect(startWebhookServer(config, { produce: async () => undefined, env: {} })).rejects.toThrow(
      /without a token/,
    );
  });
});

describe('webhook server', () => {
  it('produces platform payloads as raw envelopes keyed by postId, then answers 202 with the count', async () => {
    const produced: RawMessage[][] = [];
    const url = await start(produced);
    const res = await post(`${url}/ingest/bluesky`, JSON.stringify(searchPage.posts));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 3 });
    const messages = produced.flat();
    expect(messages.map((m) => m.key)).toEqual([
      'bluesky:at://did:plc:alice2k7x3q/app.bsky.feed.post/3lalice00003',
      'bluesky:at://did:plc:bobq9w8e7r/app.bsky.feed.post/3lbob0000002',
      'bluesky:at://did:web:carol.example.org/app.bsky.feed.post/3lcarol00001',
    ]);
    const envelope = RawEnvelope.parse(JSON.parse(messages[0]!.value));
    expect(envelope).toMatchObject({ source: 'bluesky', sourceId: 'hook', payload: searchPage.posts[0] });
  });

  it('accepts normalised posts as JSON Lines under `import`, and keys items its normaliser rejects by content', async () => {
    const produced: RawMessage[][] = [];
    const url = await start(produced);
    const lines = [
      {
        postId: 'forum:1',
        source: 'forum',
        author: { id: 'forum:u1', handle: 'u1' },
        text: 'hi',
        createdAt: '2026-03-05T10:00:00Z',
      },
      { not: 'a post' },
    ];
    const res = await post(`${url}/ingest/import`, lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 2 });
    const keys = produced.flat().map((m) => m.key);
    expect(keys[0]).toBe('forum:1');
    expect(keys[1]).toMatch(/^import:webhook-[0-9a-f]{24}$/);
  });

  it('carries ?origin= into the envelope for platforms whose ids are local to an instance', async () => {
    const produced: RawMessage[][] = [];
    const url = await start(produced);
    const lemmy = JSON.parse(
      readFileSync(fileURLToPath(new URL('../lemmy/fixtures/post-list.json', import.meta.url)), 'utf8'),
    ) as { posts: unknown[] };
    const res = await post(
      `${url}/ingest/lemmy?origin=https://lemmy.example`,
      JSON.stringify(lemmy.posts[0]),
    );
    expect(res.status).toBe(202);
    const [message] = produced.flat();
    expect(message!.key).toBe('lemmy:lemmy.example:post/501');
    expect(RawEnvelope.parse(JSON.parse(message!.value)).origin).toBe('https://lemmy.example');
    expect((await post(`${url}/ingest/lemmy?origin=javascript:x`, '{}')).status).toBe(400);
  });

  it('answers 401 without or with a wrong token, and produces nothing', async () => {
    const produced: RawMessage[][] = [];
    const url = await start(produced);
    expect((await post(`${url}/ingest/bluesky`, '{}', null)).status).toBe(401);
    const wrong = await post(`${url}/ingest/bluesky`, '{}', 'guess');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
    expect(produced).toEqual([]);
  });

  it('answers 400 with the reason for bad JSON, 404 for an unknown source, 405 for GET', async () => {
    const produced: RawMessage[][] = [];
    const url = await start(produced);
    const bad = await post(`${url}/ingest/bluesky`, '{"uri": "at://x",');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/not valid JSON/);
    const unknown = await post(`${url}/ingest/myspace`, '{}');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(
      /unknown source "myspace"; accepted: .*bluesky/,
    );
    expect((await fetch(`${url}/ingest/bluesky`)).status).toBe(405);
    expect((await post(`${url}/other`, '{}')).status).toBe(404);
    expect(produced).toEqual([]);
  });

  it('answers 413 over the size limit, declared or streamed', async () => {
    const produced: RawMessage[][] = [];
    const url = await start(produced, { maxBodyBytes: 1000 });
    const big = JSON.stringify({ text: 'x'.repeat(2000) });
    expect((await post(`${url}/ingest/import`, big)).status).toBe(413);
    // Chunked, no content-length: the limit is enforced while reading.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(`${url}/ingest/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.write(big.slice(0, 800));
      setTimeout(() => req.end(big.slice(800)), 20);
    });
    expect(streamed).toBe(413);
    expect(produced).toEqual([]);
  });

  it('answers 503 with Retry-After when Kafka does not acknowledge', async () => {
    const url = await start([], {}, true);
    const res = await post(`${url}/ingest/import`, '{"postId":"x:1"}');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });
});
