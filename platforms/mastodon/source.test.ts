import { afterEach, describe, expect, it } from 'vitest';
import { MastodonSourceConfig } from './config.ts';
import { runPass } from '../shared/contract/suite.ts';
import { startTestServer, type TestServer } from '../shared/contract/test-server.ts';
import { forgetSeenKeys } from '../shared/dedup.ts';
import { createHttpClient } from '../shared/http/client.ts';
import { fakeMastodon } from './fake.ts';
import { mastodonStatus } from './fixtures.ts';
import { createMastodonSource } from './source.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  forgetSeenKeys();
});
const now = Date.parse('2026-03-05T12:00:00Z');

describe('mastodon source', () => {
  it('looks an account up, follows its statuses and sends the token from the env var', async () => {
    const { store, route } = fakeMastodon();
    server = await startTestServer(route);
    const ids = store.add(3, now - 3_600_000);
    const config = MastodonSourceConfig.parse({
      type: 'mastodon',
      id: 'acct',
      baseUrl: server.url,
      accounts: ['@kettlebrew'],
      accessTokenEnv: 'MASTO_TOKEN',
    });
    const source = createMastodonSource(config, {
      http: createHttpClient(),
      now: () => now,
      env: { MASTO_TOKEN: 's3cret' },
    });
    const pass = await runPass(source, undefined);
    expect(pass.keys).toEqual(ids.map((id) => `mastodon:${new URL(server!.url).host}:${id}`));
    expect(server.requests[0]!.path).toBe('/api/v1/accounts/lookup');
    expect(server.requests[1]!.path).toBe('/api/v1/accounts/77/statuses');
    expect(server.requests.every((r) => r.headers.authorization === 'Bearer s3cret')).toBe(true);
  });

  it('an unset token variable fails at start, naming it', () => {
    const config = MastodonSourceConfig.parse({
      type: 'mastodon',
      id: 'x',
      baseUrl: 'https://m.example',
      hashtags: ['a'],
      accessTokenEnv: 'NOPE_TOKEN',
    });
    expect(() => createMastodonSource(config, { env: {} })).toThrow(/NOPE_TOKEN is not set/);
  });

  it('streams hashtag updates (server-sent events) after catching up, advancing the same cursor', async () => {
    const streamed = mastodonStatus('555', new Date(now - 1000).toISOString());
    server = await startTestServer((req) => {
      if (req.path === '/api/v1/timelines/tag/kettlebrew') return { body: [] };
      if (req.path === '/api/v1/streaming/hashtag')
        return {
          headers: { 'content-type': 'text/event-stream' },
          body: `:thump\n\nevent: delete\ndata: 12\n\nevent: update\ndata: ${JSON.stringify(streamed)}\n\nevent: update\ndata: {"id": 1}\n\n`,
        };
      return { status: 404, body: {} };
    });
    const config = MastodonSourceConfig.parse({
      type: 'mastodon',
      id: 'stream',
      baseUrl: server.url,
      hashtags: ['kettlebrew'],
      stream: true,
    });
    const pass = await runPass(
      createMastodonSource(config, { http: createHttpClient(), now: () => now }),
      undefined,
    );
    expect(pass.keys).toEqual([`mastodon:${new URL(server.url).host}:555`]);
    expect(pass.rejected).toHaveLength(1); // the update without a valid status
    expect(server.requests.find((r) => r.path === '/api/v1/streaming/hashtag')!.query.get('tag')).toBe(
      'kettlebrew',
    );
    expect(JSON.parse(pass.cursors.at(-1)!)['tag:kettlebrew'].lastId).toBe('555');
  });
});
