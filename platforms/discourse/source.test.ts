import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DiscourseSourceConfig } from './config.ts';
import { runPass } from '../shared/contract/suite.ts';
import { startTestServer, type TestServer } from '../shared/contract/test-server.ts';
import { createHttpClient } from '../shared/http/client.ts';
import { discourseTopicListItem } from './fixtures.ts';
import { createDiscourseSource, type DiscoursePostPayload } from './source.ts';

const topic = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/topic-123.json', import.meta.url)), 'utf8'),
) as unknown;
const now = Date.parse('2026-03-05T12:00:00Z');
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('discourse search on documented responses', () => {
  it('expands the topics a search finds into their posts, skips small actions and dead-letters broken posts', async () => {
    server = await startTestServer((req) => {
      if (req.path === '/search.json')
        return {
          body: {
            posts: [
              {
                id: 9003,
                topic_id: 123,
                post_number: 3,
                username: 'ruben',
                created_at: '2026-03-05T09:20:00.000Z',
                blurb: 'Same here…',
              },
            ],
            topics: [discourseTopicListItem(123, '2026-03-05T09:30:00.000Z')],
            users: [],
            categories: [],
            tags: [],
            groups: [],
            grouped_search_result: {
              more_posts: null,
              more_users: null,
              more_categories: null,
              term: 'kettlebrew order:latest',
              more_full_page_results: null,
            },
          },
        };
      if (req.path === '/t/123.json') return { body: topic };
      return { status: 404, body: { errors: ['not found'] } };
    });
    const config = DiscourseSourceConfig.parse({
      type: 'discourse',
      id: 'forum',
      baseUrl: server.url,
      latest: false,
      searches: ['kettlebrew'],
      apiKeyEnv: 'DISCOURSE_KEY',
      apiUsernameEnv: 'DISCOURSE_USER',
    });
    const source = createDiscourseSource(config, {
      http: createHttpClient({ baseDelayMs: 5 }),
      now: () => now,
      env: { DISCOURSE_KEY: 'k', DISCOURSE_USER: 'system' },
    });
    const pages = [];
    for await (const page of source.pages(undefined, new AbortController().signal)) pages.push(page);
    const items = pages.flatMap((p) => p.items);
    const host = new URL(server.url).host;
    expect(items.map((i) => i.key)).toEqual([1, 2, 3].map((n) => `discourse:${host}:123/${n}`));
    expect((items[0]!.payload as DiscoursePostPayload).topic).toEqual({
      id: 123,
      title: 'Kettlebrew will not pair after update',
      slug: 'kettlebrew-will-not-pair-after-update',
    });
    expect(items[0]!.origin).toBe(server.url);
    const rejected = pages.flatMap((p) => p.rejected ?? []);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.key).toBe(`discourse:${host}:123/5`);
    expect(server.requests[0]!.query.get('q')).toBe('kettlebrew order:latest');
    expect(server.requests[0]!.headers['api-key']).toBe('k');
    expect(server.requests[0]!.headers['api-username']).toBe('system');
    expect((await runPass(source, pages.at(-1)!.cursor)).keys).toEqual([]);
  });
});
