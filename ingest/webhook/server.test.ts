import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { WebhookSourceConfig } from '../../platforms/webhook/config.ts';
import { RawEnvelope } from '../../schema/raw-envelope.ts';
import { authorized, isLoopback, resolveToken } from './auth.ts';
import { parseBody } from './body.ts';
import { startWebhookServer, type RawMessage, type WebhookServer } from './server.ts';

const TOKEN = 's3cret-token';
const searchPage = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../platforms/bluesky/fixtures/search-page-1.json', import.meta.url)),
    'utf8',
  ),
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

const post = (
  url: string,
  body: string,
  token: string | null = TOKEN,
  headers: Record<string, string> = {},
) =>
  fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
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

  it('accepts normalised posts as JSON Lines under `import`; a bad item is reported by index in a 207, the rest produced', async () => {
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
    const res = await post(`${url}/ingest/import`, lines.map((l) => JSON.stringify(l)).join('\n'), TOKEN, {
      'content-type': 'application/x-ndjson',
    });
    expect(res.status).toBe(207);
    const body = (await res.json()) as { accepted: number; rejected: { index: number; error: string }[] };
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([{ index: 1, error: expect.stringMatching(/postId/) }]);
    expect(produced.flat().map((m) => m.key)).toEqual(['forum:1']);
  });

  it('a payload its normaliser cannot read (a throw before) is one rejected index, not a 500 for the batch', async () => {
    const produced: RawMessage[][] = [];
    const url = await start(produced);
    const question = (id: number, creation: number) => ({
      question_id: id,
      creation_date: creation,
      title: 'Kettle?',
      body: '<p>Why?</p>',
      owner: { user_id: 5, display_name: 'Ana' },
    });
    const res = await post(
      `${url}/ingest/stackexchange?origin=${encodeURIComponent('https://api.stackexchange.com/2.3?site=coffee')}`,
      JSON.stringify([question(1, 1_772_700_000), question(2, 1e20), question(3, 1_772_700_060)]),
    );
    expect(res.status).toBe(207);
    const body = (await res.json()) as { accepted: number; rejected: { index: number; error: string }[] };
    expect(body).toEqual({
      accepted: 2,
      rejected: [{ index: 1, error: expect.stringMatching(/creation_date/) }],
    });
    expect(produced.flat().map((m) => m.key)).toEqual(['stackexchange:coffee:q1', 'stackexchange:coffee:q3']);
  });

  it('refuses a body that is not JSON by its type (a cross-origin text/plain form post)', async () => {
    const produced: RawMessage[][] = [];
    const url = await start(produced, { tokenEnv: undefined });
    const item = JSON.stringify({
      postId: 'x:1',
      source: 'x',
      author: { id: 'x:a', handle: 'a' },
      text: 'forged',
      createdAt: '2026-03-05T10:00:00Z',
    });
    const plain = await post(`${url}/ingest/import`, item, null, { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    const form = await post(`${url}/ingest/import`, item, null, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(produced).toEqual([]);
    expect(
      (await post(`${url}/ingest/import`, item, null, { 'content-type': 'application/json; charset=utf-8' }))
        .status,
    ).toBe(202);
  });

  it('refuses requests from web pages (Origin) and for other hosts (DNS rebinding), token or not', async () => {
    const produced: RawMessage[][] = [];
    const url = await start(produced, { tokenEnv: undefined });
    const item =
      '{"postId":"x:1","source":"x","author":{"id":"x:a","handle":"a"},"text":"t","createdAt":"2026-03-05T10:00:00Z"}';
    const fromPage = await post(`${url}/ingest/import`, item, null, { origin: 'https://evil.example' });
    expect(fromPage.status).toBe(403);
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(`${url}/ingest/import`, {
        method: 'POST',
        headers: { host: 'evil.example:8787', 'content-type': 'application/json' },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end(item);
    });
    expect(rebound).toBe(421);
    expect(produced).toEqual([]);
  });

  it('closes the connection after a 401', async () => {
    const url = await start([]);
    const res = await post(`${url}/ingest/import`, '{}', 'guess');
    expect(res.status).toBe(401);
    expect(res.headers.get('connection')).toBe('close');
  });

  it('carries ?origin= into the envelope for platforms whose ids are local to an instance', async () => {
    const produced: RawMessage[][] = [];
    const url = await start(produced);
    const lemmy = JSON.parse(
      readFileSync(
        fileURLToPath(new URL('../../platforms/lemmy/fixtures/post-list.json', import.meta.url)),
        'utf8',
      ),
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
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'transfer-encoding': 'chunked',
          'content-type': 'application/json',
        },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.write(big.slice(0, 800));
      setTimeout(() => req.end(big.slice(800)), 20);
    });
    expect(streamed).toBe(413);
    expect(produced).toEqual([]);
  });

  it('answers 408 and closes a body that trickles in past its deadline; drops a connection whose headers never end', async () => {
    const config = WebhookSourceConfig.parse({ type: 'webhook', id: 'slow', port: 0 });
    server = await startWebhookServer(config, {
      env: {},
      produce: async () => undefined,
      bodyTimeoutMs: 300,
      headersTimeoutMs: 300,
    });
    const started = Date.now();
    const slowBody = await new Promise<number>((resolve, reject) => {
      const req = request(`${server!.url}/ingest/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.write('{"postId":');
      // …and never the rest.
    });
    expect(slowBody).toBe(408);
    expect(Date.now() - started).toBeLessThan(5000);
    const { connect } = await import('node:net');
    const port = Number(new URL(server.url).port);
    const closedAfter = await new Promise<number>((resolve) => {
      const t0 = Date.now();
      const socket = connect(port, '127.0.0.1', () =>
        socket.write('POST /ingest/import HTTP/1.1\r\nHost: 127.0.0.1\r\n'),
      );
      socket.on('close', () => resolve(Date.now() - t0));
      socket.on('error', () => undefined);
      socket.resume();
    });
    expect(closedAfter).toBeLessThan(5000);
  });

  it('answers 503 with Retry-After when Kafka does not acknowledge', async () => {
    const url = await start([], {}, true);
    const res = await post(
      `${url}/ingest/import`,
      '{"postId":"x:1","source":"x","author":{"id":"x:a","handle":"a"},"text":"t","createdAt":"2026-03-05T10:00:00Z"}',
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });
});
