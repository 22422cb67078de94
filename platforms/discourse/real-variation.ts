import { expect } from 'vitest';
import {
  blocksApart,
  EVERY_BLOCK_HTML,
  longText,
  readFixture,
  type RealVariation,
} from '../shared/contract/real-variation.ts';
import { discourseKey } from './keys.ts';

/**
 * A pinned topic as a forum serves it: an opening post with every block element, a mention, a tag and a
 * link; the staff's "pinned" and "opened" events, which are small actions (post_type 3 with an `action_code`
 * and empty `cooked`, as app/services/topic_status_updater.rb in Discourse writes them), not posts; an
 * image-only reply (lightbox with its file-name caption) by a user without a name and with no likes
 * (`actions_summary: []`); a quote with a reply without mention; a post deleted by its author; a very long
 * post; and a post without a time.
 */
function responses(): { latest: unknown; topic: unknown } {
  return readFixture(new URL('./fixtures/real-variation.json', import.meta.url), {
    EVERY_BLOCK_HTML,
    LONG: `<p>${longText(120_000, 'Ich habe den Kocher dreimal zurückgesetzt, ohne Erfolg.')}</p>`,
  });
}

export const discourseRealVariation = (): RealVariation => ({
  now: Date.parse('2026-03-05T12:00:00Z'),
  route: (req) => {
    if (req.path === '/latest.json')
      return (req.query.get('page') ?? '0') === '0'
        ? { body: responses().latest }
        : { body: { users: [], topic_list: { topics: [] } } };
    if (req.path === '/t/901.json') return { body: responses().topic };
    return { status: 404, body: { errors: ['The requested URL or resource could not be found.'] } };
  },
  rejected: [/created_at/],
  expect: (base) => {
    const host = new URL(base).host;
    const key = (n: number) => discourseKey(host, 901, n);
    return {
      [key(1)]: {
        posts: [
          {
            mentions: ['kettlebrew_support'],
            hashtags: ['firmware'],
            links: ['https://kettlebrew.example/e42?src=forum&v=2'],
            metrics: { likes: 6, replies: 2, views: 40 },
            author: { id: `discourse:${host}:u12`, name: 'Ana Lopes' },
          },
        ],
        check: ([post]) => {
          expect(post!.text.startsWith('K2 shows E42 after update — anyone? 🫖\n\nWeek one')).toBe(true);
          expect(blocksApart(post!.text)).toEqual([]);
          expect(post!.text).toContain('cc @kettlebrew_support #firmware error page');
          // Discourse has no reposts: that count is unknown, not 0.
          expect(post!.metrics).toEqual({ likes: 6, replies: 2, views: 40 });
        },
      },
      // An image-only post keeps the image's alt text; the lightbox's file name and size are not text.
      [key(3)]: {
        posts: [
          {
            text: '[image: Kettle display showing E42]',
            replyTo: { postId: key(1) },
            links: [],
            author: { name: '' },
          },
        ],
        // An empty `actions_summary` is a post nobody liked (Discourse leaves zero counts out of it): a real 0.
        check: ([post]) => expect(post!.metrics).toEqual({ likes: 0, replies: 0, views: 12 }),
      },
      [key(4)]: {
        posts: [
          {
            text: 'Same here 👍 — 同じです。',
            quoteOf: { postId: key(1) },
            replyTo: { postId: key(1) },
            mentions: [],
          },
        ],
      },
      [key(5)]: { skipped: /discourse post deleted/ },
      [key(7)]: {
        posts: [{ truncated: true, replyTo: { postId: key(4) }, rootId: key(1) }],
        check: ([post]) => expect(post!.text).toHaveLength(100_000),
      },
    };
  },
});
