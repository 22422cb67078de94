import { afterEach, describe, expect, it } from 'vitest';
import { StackExchangeSourceConfig } from './config.ts';
import { runPass } from '../shared/contract/suite.ts';
import { startTestServer, type TestServer } from '../shared/contract/test-server.ts';
import { forgetSeenKeys } from '../shared/dedup.ts';
import { createHttpClient } from '../shared/http/client.ts';
import { seAnswer, seQuestion, seWrapper } from './fixtures.ts';
import { createStackExchangeSource } from './source.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  forgetSeenKeys();
});
const now = Date.parse('2026-03-05T12:00:00Z');

describe('stack exchange source', () => {
  it('honours the backoff field per method and fetches answers of new questions (gzip)', async () => {
    const q = (n: number) => seQuestion(n, now - n * 60_000);
    server = await startTestServer((req) => {
      if (req.path === '/questions')
        return req.query.get('page') === '1'
          ? { gzip: true, body: seWrapper([q(1)], true, { backoff: 3 }) }
          : { gzip: true, body: seWrapper([q(2)], false) };
      return { gzip: true, body: seWrapper([seAnswer(11, 1, now), seAnswer(21, 2, now)], false) };
    });
    const waits: number[] = [];
    const config = StackExchangeSourceConfig.parse({
      type: 'stackexchange',
      id: 'se',
      baseUrl: server.url,
      site: 'coffee',
      tags: ['kettlebrew'],
      keyEnv: 'SE_KEY',
    });
    const source = createStackExchangeSource(config, {
      http: createHttpClient(),
      now: () => now,
      env: { SE_KEY: 'k3y' },
      sleep: async (ms) => void waits.push(ms),
    });
    const pass = await runPass(source, undefined);
    expect(pass.keys).toEqual([
      'stackexchange:coffee:q2',
      'stackexchange:coffee:q1',
      'stackexchange:coffee:a11',
      'stackexchange:coffee:a21',
    ]);
    // The second /questions call waited for the 3 s backoff; the answers method had none.
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(2900);
    expect(server.requests.map((r) => r.query.get('key'))).toEqual(['k3y', 'k3y', 'k3y']);
    expect(server.requests[2]!.path).toBe('/questions/2;1/answers');
  });

  it('stops a query for the day when quota_remaining reaches 0', async () => {
    server = await startTestServer(() => ({
      gzip: true,
      body: seWrapper([seQuestion(5, now - 60_000)], true, { quota_remaining: 0 }),
    }));
    const config = StackExchangeSourceConfig.parse({
      type: 'stackexchange',
      id: 'se2',
      baseUrl: server.url,
      site: 'coffee',
      tags: ['kettlebrew'],
      answers: false,
    });
    const pass = await runPass(
      createStackExchangeSource(config, { http: createHttpClient(), now: () => now }),
      undefined,
    );
    expect(pass.errors[0]).toMatch(/quota/);
    expect(server.requests).toHaveLength(1);
  });
});
