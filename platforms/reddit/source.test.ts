import { afterEach, describe, expect, it } from 'vitest';
import { RedditSourceConfig } from './config.ts';
import { runPass } from '../shared/contract/suite.ts';
import { startTestServer, type TestServer } from '../shared/contract/test-server.ts';
import { forgetSeenKeys } from '../shared/dedup.ts';
import { createHttpClient } from '../shared/http/client.ts';
import { fakeReddit } from './fake.ts';
import { createRedditSource } from './source.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  forgetSeenKeys();
});
const now = Date.parse('2026-03-05T12:00:00Z');

describe('reddit source', () => {
  it('with OAuth credentials: token from client credentials, bearer on oauth base, comments of searched submissions', async () => {
    const { store, route, tokens } = fakeReddit();
    server = await startTestServer(route);
    const [id] = store.add(1, now - 3_600_000);
    const config = RedditSourceConfig.parse({
      type: 'reddit',
      id: 'r',
      searches: [{ q: 'kettlebrew' }],
      baseUrl: `${server.url}/public`,
      oauthBaseUrl: server.url,
      tokenUrl: `${server.url}/api/v1/access_token`,
      clientIdEnv: 'RID',
      clientSecretEnv: 'RSECRET',
      userAgent: 'test:kettlebrew:v1 (by /u/tester)',
    });
    const source = createRedditSource(config, {
      http: createHttpClient(),
      now: () => now,
      env: { RID: 'id', RSECRET: 'sec' },
    });
    const pass = await runPass(source, undefined);
    expect(pass.keys).toEqual([`reddit:t3_${id}`, 'reddit:t1_c1', 'reddit:t1_c2']);
    expect(tokens).toEqual([`Basic ${Buffer.from('id:sec').toString('base64')}`]);
    const search = server.requests.find((r) => r.path === '/search.json')!;
    expect(search.headers.authorization).toBe('bearer tok-123');
    expect(search.headers['user-agent']).toBe('test:kettlebrew:v1 (by /u/tester)');
    expect(search.query.get('sort')).toBe('new');
  });

  it('OAuth needs both variables (config error names the field)', () => {
    const parsed = RedditSourceConfig.safeParse({
      type: 'reddit',
      id: 'r',
      subreddits: ['a'],
      clientIdEnv: 'X',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['clientSecretEnv']);
  });
});
