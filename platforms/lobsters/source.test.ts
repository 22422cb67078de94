import { afterEach, describe, expect, it } from 'vitest';
import { runPass } from '../shared/contract/suite.ts';
import { startTestServer, type TestServer } from '../shared/contract/test-server.ts';
import { forgetSeenKeys } from '../shared/dedup.ts';
import { createHttpClient } from '../shared/http/client.ts';
import { LobstersSourceConfig } from './config.ts';
import { lobstersComment, lobstersStory } from './fixtures.ts';
import { createLobstersSource } from './source.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  forgetSeenKeys();
});
const now = Date.parse('2026-03-05T12:00:00Z');
const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toISOString();

/** A tag listing with a fresh story and one submitted 60 hours ago, each with a fresh comment. */
async function site() {
  const fresh = lobstersStory('fresh1', at(2), { comment_count: 1 });
  const old = lobstersStory('old001', at(60), { comment_count: 1 });
  const pages: Record<string, unknown> = {
    '/t/hardware.json': [fresh, old],
    '/t/hardware/page/2.json': [],
    '/s/fresh1.json': { ...fresh, comments: [lobstersComment('cfresh', 'fresh1', at(1), null)] },
    '/s/old001.json': { ...old, comments: [lobstersComment('cold01', 'old001', at(1), null)] },
  };
  server = await startTestServer((req) =>
    pages[req.path] ? { body: pages[req.path] } : { status: 404, body: { error: 'not found' } },
  );
  return server;
}

const source = (url: string, extra: Record<string, unknown>) =>
  createLobstersSource(
    LobstersSourceConfig.parse({ type: 'lobsters', id: 'l', baseUrl: url, tags: ['hardware'], ...extra }),
    { http: createHttpClient(), now: () => now },
  );

describe('lobsters source', () => {
  it('reads the tag listing, and new comments of stories within the comment window only', async () => {
    const { url, requests } = await site();
    const host = new URL(url).host;
    const pass = await runPass(source(url, { backfill: '1d', commentWindow: '1d' }), undefined);
    // The window counts back from the mark (here the backfill start): a story 60 hours old is past it.
    expect(pass.keys).toEqual([`lobsters:${host}:s/fresh1`, `lobsters:${host}:c/cfresh`]);
    expect(requests.map((r) => r.path)).toEqual(['/t/hardware.json', '/s/fresh1.json']);
  });

  it('a longer comment window re-reads the older story for its new comment', async () => {
    const { url } = await site();
    const host = new URL(url).host;
    const pass = await runPass(source(url, { backfill: '1d', commentWindow: '3d' }), undefined);
    expect(pass.keys).toEqual([
      `lobsters:${host}:s/fresh1`,
      `lobsters:${host}:c/cfresh`,
      `lobsters:${host}:c/cold01`,
    ]);
  });

  it('without comments: stories only, no story pages fetched', async () => {
    const { url, requests } = await site();
    const pass = await runPass(source(url, { backfill: '1d', comments: false }), undefined);
    expect(pass.keys).toEqual([`lobsters:${new URL(url).host}:s/fresh1`]);
    expect(requests.every((r) => r.path.startsWith('/t/'))).toBe(true);
  });

  it('refuses a comment window that is not a duration', () => {
    const parsed = LobstersSourceConfig.safeParse({ type: 'lobsters', id: 'l', commentWindow: 'forever' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['commentWindow']);
  });
});
