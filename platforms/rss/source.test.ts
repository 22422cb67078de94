import { afterEach, describe, expect, it } from 'vitest';
import { RssSourceConfig } from './config.ts';
import { runPass } from '../shared/contract/suite.ts';
import { startTestServer, type TestServer } from '../shared/contract/test-server.ts';
import { forgetSeenKeys } from '../shared/dedup.ts';
import { createHttpClient } from '../shared/http/client.ts';
import { fakeFeed } from './fake.ts';
import { atom } from './fixtures.ts';
import { createRssSource } from './source.ts';
import { rssKey } from './keys.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  forgetSeenKeys();
});
const now = Date.parse('2026-03-05T12:00:00Z');

describe('rss source', () => {
  it('sends If-None-Match from the cursor and produces nothing on 304', async () => {
    const { store, route } = fakeFeed();
    server = await startTestServer(route);
    store.add(2, now - 60_000);
    const config = RssSourceConfig.parse({ type: 'rss', id: 'feed', feeds: [`${server.url}/feed.xml`] });
    const first = await runPass(
      createRssSource(config, { http: createHttpClient(), now: () => now }),
      undefined,
    );
    expect(first.keys).toHaveLength(2);
    const second = await runPass(
      createRssSource(config, { http: createHttpClient(), now: () => now }),
      first.cursors.at(-1),
    );
    expect(server.requests[1]!.headers['if-none-match']).toBe('"v2-0"');
    expect(second.keys).toEqual([]);
  });

  it('reads Atom feeds', async () => {
    server = await startTestServer(() => ({ body: atom([{ id: 'fw-2', time: now - 1000 }]) }));
    const url = `${server.url}/news.atom`;
    const config = RssSourceConfig.parse({ type: 'rss', id: 'atom', feeds: [url] });
    const pass = await runPass(
      createRssSource(config, { http: createHttpClient(), now: () => now }),
      undefined,
    );
    expect(pass.keys).toEqual([rssKey(url, 'tag:kettlebrew.example,2026:fw-2')]);
  });
});
