import { expect } from 'vitest';
import { StackExchangeSourceConfig } from './config.ts';
import {
  blocksApart,
  EVERY_BLOCK_HTML,
  longText,
  readFixture,
  type RealVariation,
  testSource,
} from '../shared/contract/real-variation.ts';
import { createStackExchangeSource } from './source.ts';
import { stackExchangeKey } from './keys.ts';

/**
 * Questions and answers as the API serves them: HTML-escaped names and titles (a title with a `<code>` tag),
 * a deleted owner (`user_type: does_not_exist`, no `user_id`), a downvoted question (negative score), a
 * moderator's answer, a question and an answer without `body` (a filter that leaves it out), every block
 * element, a very long body, and a question without a date. The API leaves a field out rather than serving it
 * null ("may be absent" in its type documentation).
 */
function responses(): { questions: unknown; answers: unknown } {
  return readFixture(new URL('./fixtures/real-variation.json', import.meta.url), {
    EVERY_BLOCK_HTML,
    LONG: `<p>${longText(120_000, 'Day 12: it tripped again after 200 ml.')}</p>\n`,
  });
}

/** The connector against a test server: site `coffee`, tag `kettlebrew` (contract.ts and the recording). */
export const stackExchangeTestSource = testSource(StackExchangeSourceConfig, createStackExchangeSource, {
  type: 'stackexchange',
  site: 'coffee',
  tags: ['kettlebrew'],
});

const key = (kind: 'q' | 'a', id: number) => stackExchangeKey('coffee', kind, id);

export const stackexchangeRealVariation = (): RealVariation => ({
  now: Date.parse('2026-03-05T12:00:00Z'),
  createSource: stackExchangeTestSource({ answers: true, backfill: '1d' }, { sleep: async () => undefined }),
  route: (req) => {
    if (/^\/questions\/[\d;]+\/answers$/.test(req.path)) return { gzip: true, body: responses().answers };
    if (req.path === '/questions' && (req.query.get('page') ?? '1') === '1')
      return { gzip: true, body: responses().questions };
    return { gzip: true, body: { items: [], has_more: false } };
  },
  rejected: [/creation_date/],
  expect: () => ({
    [key('q', 33001)]: {
      posts: [
        {
          author: { id: 'stackexchange:coffee:9901', handle: 'Zoë Ãßler' },
        },
      ],
      check: ([post]) => {
        // Stack Exchange has no reposts: that count is unknown, not 0.
        expect(post!.metrics).toEqual({ likes: 3, replies: 2, views: 143 });
        // Titles are HTML: entities decoded, the tag gone, its text kept.
        expect(post!.text.startsWith('Why does the K2 say "descale" after fw 2.3? 🫖\n\nWeek one')).toBe(
          true,
        );
        expect(blocksApart(post!.text)).toEqual([]);
        expect(post!.text.endsWith('Done.')).toBe(true);
      },
    },
    [key('q', 33002)]: {
      posts: [
        {
          text: "K2 lid won't close\n\nTitle says it all.",
          author: { id: 'stackexchange:coffee:anon:user12345' },
        },
      ],
      // A negative score is no likes, and no answers is a reported 0; the views are what the API counted.
      check: ([post]) => expect(post!.metrics).toEqual({ likes: 0, replies: 0, views: 9 }),
    },
    [key('q', 33003)]: { dlq: /body is missing: the API filter must include it/ },
    [key('q', 33004)]: {
      posts: [{ truncated: true }],
      check: ([post]) => expect(post!.text).toHaveLength(100_000),
    },
    [key('a', 44001)]: {
      posts: [
        {
          text: 'It counts litres, not hardness. See the notes.',
          author: { handle: 'Kettle Mod ♦' },
          links: ['https://kettlebrew.example/fw?v=2.3&lang=en'],
          replyTo: { postId: key('q', 33001) },
        },
      ],
      // An answer has no `answer_count`: its replies are unknown, not 0.
      check: ([post]) => expect(post!.metrics).toEqual({ likes: 7 }),
    },
    [key('a', 44002)]: { dlq: /body is missing/ },
  }),
});
