import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BlueskySourceConfig } from './config.ts';
import { runPass } from '../shared/contract/suite.ts';
import { startTestServer, type TestServer } from '../shared/contract/test-server.ts';
import { createHttpClient } from '../shared/http/client.ts';
import { createBlueskySource } from './source.ts';

const page = (n: number) =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`./fixtures/search-page-${n}.json`, import.meta.url)), 'utf8'),
  ) as unknown;
const now = Date.parse('2026-03-05T12:00:00Z');
const http = createHttpClient({ baseDelayMs: 5, maxAttempts: 2 });

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('bluesky search source on documented responses', () => {
  it('pages with the cursor, filters by since and lang, produces oldest first and dead-letters a broken view', async () => {
    server = await startTestServer((req) => ({ body: req.query.get('cursor') === '3' ? page(2) : page(1) }));
    const config = BlueskySourceConfig.parse({
      type: 'bluesky',
      id: 'bsky-fixtures',
      baseUrl: server.url,
      queries: ['acme'],
      lang: 'en',
      backfill: '1d',
    });
    const pass = await runPass(createBlueskySource(config, { http, now: () => now }), undefined);
    expect(pass.keys).toEqual([
      'bluesky:at://did:plc:alice2k7x3q/app.bsky.feed.post/3lalice00001',
      'bluesky:at://did:web:carol.example.org/app.bsky.feed.post/3lcarol00001',
      'bluesky:at://did:plc:bobq9w8e7r/app.bsky.feed.post/3lbob0000002',
      'bluesky:at://did:plc:alice2k7x3q/app.bsky.feed.post/3lalice00003',
    ]);
    expect(pass.rejected).toHaveLength(1);
    expect(pass.rejected[0]).toMatchObject({
      key: 'bluesky:at://did:plc:broken00001/app.bsky.feed.post/3lbroken0001',
      reason: expect.stringContaining('author'),
    });
    const first = server.requests[0]!.query;
    expect(Object.fromEntries(first)).toMatchObject({ q: 'acme', sort: 'latest', lang: 'en', limit: '100' });
    expect(first.get('since')).toBe('2026-03-04T12:00:00.000Z');
    expect(server.requests[1]!.query.get('cursor')).toBe('3');
  });

  it('signs in with an app password and signs in again when the token expired', async () => {
    let sessions = 0;
    server = await startTestServer((req) => {
      if (req.path === '/xrpc/com.atproto.server.createSession') {
        sessions++;
        return {
          body: { accessJwt: `jwt-${sessions}`, refreshJwt: 'r', did: 'did:plc:me', handle: 'me.test' },
        };
      }
      if (req.headers.authorization === 'Bearer jwt-1')
        return { status: 400, body: { error: 'ExpiredToken', message: 'Token has expired' } };
      return { body: { posts: [] } };
    });
    const config = BlueskySourceConfig.parse({
      type: 'bluesky',
      id: 'bsky-auth',
      baseUrl: 'https://unused.example',
      authUrl: server.url,
      queries: ['acme'],
      identifierEnv: 'BSKY_ID',
      appPasswordEnv: 'BSKY_PW',
    });
    const source = createBlueskySource(config, {
      http,
      now: () => now,
      env: { BSKY_ID: 'me.test', BSKY_PW: 'app-pw' },
    });
    const pass = await runPass(source, undefined);
    expect(pass.errors).toEqual([]);
    expect(sessions).toBe(2);
    const searches = server.requests.filter((r) => r.path === '/xrpc/app.bsky.feed.searchPosts');
    expect(searches.map((r) => r.headers.authorization)).toEqual(['Bearer jwt-1', 'Bearer jwt-2']);
  });
});
