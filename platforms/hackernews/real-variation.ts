import { expect } from 'vitest';
import {
  blocksApart,
  EVERY_BLOCK_HTML,
  longText,
  readFixture,
  type RealVariation,
} from '../shared/contract/real-variation.ts';
import { hackerNewsKey } from './keys.ts';

/**
 * Algolia `search_by_date` hits as served: comments whose paragraphs are bare `<p>` separators with
 * `&#x27;`/`&#x2F;` entities, a `<pre><code>` block, comments with null or no `points` and no `num_comments`
 * (stories always have both), a deleted comment (no author, no text), an Ask HN story with a very long text of
 * every block element, and a hit without time.
 */
function result(): unknown {
  const story = `${EVERY_BLOCK_HTML}<p>${longText(110_000, 'The descale light comes on every morning even with filtered water.')}`;
  return readFixture(new URL('./fixtures/real-variation.json', import.meta.url), { LONG: story });
}

export const hackernewsRealVariation = (): RealVariation => ({
  now: Date.parse('2026-03-05T12:00:00Z'),
  route: (req) =>
    req.path === '/api/v1/search_by_date' && (req.query.get('page') ?? '0') === '0'
      ? { body: result() }
      : { body: { hits: [], page: 1, nbPages: 1 } },
  rejected: [/hit: created_at_i/],
  expect: () => ({
    [hackerNewsKey('43100010')]: {
      posts: [
        {
          text:
            "Kettlebrew's cloud is a single point of failure for the whole ecosystem.\n\n" +
            'We had three K2s in the office; when their API went down none of them would boil. ' +
            'https://status.kettlebrew.example/incidents/42?from=hn&...\n\nLesson: local control first.',
          replyTo: { postId: 'hackernews:43100001' },
          rootId: 'hackernews:43100001',
        },
      ],
      check: ([post]) => {
        expect(post!.links).toContain('https://status.kettlebrew.example/incidents/42?from=hn&x=1');
        // No `points`, no `num_comments`: unknown counts, not zeros.
        expect(post!.metrics).toEqual({});
      },
    },
    [hackerNewsKey('43100011')]: {
      posts: [{ replyTo: { postId: 'hackernews:43100010' } }],
      check: ([post]) => {
        expect(post!.text.startsWith('日本でも同じ問題がありました 🫖\n\n')).toBe(true);
        expect(post!.text).toContain('$ curl -s kettle.local/api/boil\n');
        // `points: null` is unknown, not 0.
        expect(post!.metrics).toEqual({});
      },
    },
    [hackerNewsKey('43100012')]: { skipped: /hacker news item 43100012 deleted/ },
    [hackerNewsKey('43100001')]: {
      posts: [{ truncated: true }],
      check: ([post]) => {
        // HN has no reposts: that count is unknown, not 0.
        expect(post!.metrics).toEqual({ likes: 4, replies: 2 });
        expect(
          post!.text.startsWith('Ask HN: Is anyone else\'s Kettlebrew stuck on "descale"?\n\nWeek one'),
        ).toBe(true);
        expect(blocksApart(post!.text)).toEqual([]);
        expect(post!.text).toHaveLength(100_000);
      },
    },
    [hackerNewsKey('43100002')]: {
      posts: [{ links: ['https://news.example/kettlebrew-raises?ref=hn'], text: 'Kettlebrew raises $20M' }],
      // `num_comments: 0` is reported: a real 0.
      check: ([post]) => expect(post!.metrics).toEqual({ likes: 3, replies: 0 }),
    },
  }),
});
