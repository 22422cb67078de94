import { expect } from 'vitest';
import {
  blocksApart,
  EVERY_BLOCK_HTML,
  longText,
  readFixture,
  type RealVariation,
} from '../shared/contract/real-variation.ts';
import { mastodonKey } from './keys.ts';

const NOW = Date.parse('2026-03-05T12:00:00Z');
const LONG_PARAGRAPH =
  'ケトルの通知音が夜中に鳴り続ける。The K2 beeps at night, every night, and the app says nothing is wrong.';

/**
 * Statuses as instances really serve them: mention and hashtag links inside `content`, a reply whose parent
 * author is not mentioned, zero counts, remote accounts with the few fields a remote profile has, a content
 * warning and no language, a remote status without `url` and far longer than Mastodon's 500 characters, a
 * boost with empty content, and a status without its account. Counts are integers, never null (the Status
 * entity's `replies_count`, `reblogs_count`, `favourites_count`).
 */
function statuses(): unknown[] {
  return readFixture(new URL('./fixtures/real-variation.json', import.meta.url), {
    EVERY_BLOCK_HTML,
    LONG_HTML: `<p>${longText(130_000, LONG_PARAGRAPH)}</p>`,
  });
}

export const mastodonRealVariation = (): RealVariation => ({
  now: NOW,
  route: (req) =>
    req.path === '/api/v1/timelines/tag/kettlebrew' && !req.query.has('max_id')
      ? { body: statuses() }
      : { body: [] },
  rejected: [/status: account/],
  expect: (base) => {
    const host = new URL(base).host;
    const key = (id: string) => mastodonKey(host, id);
    return {
      [key('113900000000000010')]: {
        posts: [
          {
            mentions: ['kettlebrew@brand.example'],
            hashtags: ['kettlebrew'],
            // Mention and hashtag links are not links; the real link keeps its query, decoded once.
            links: ['https://kettlebrew.example/de/hilfe/k2?ref=masto&lang=de'],
            replyTo: {
              postId: `mastodon:${host}:113900000000000001`,
              authorId: 'mastodon:kettlebrew@brand.example',
            },
            author: { id: `mastodon:jonas@${host}`, name: 'Jonas Müller ☕', followers: 412 },
            text:
              '@kettlebrew Der Wasserkocher piept nachts schon wieder 😩 – Grüße aus Köln!\n\n' +
              'Anleitung: https://kettlebrew.example/de/hilfe/k2?ref=masto&lang=de #Kettlebrew',
            lang: 'de',
          },
        ],
      },
      [key('113900000000000011')]: {
        posts: [
          {
            // The parent's author is not mentioned: only its id on this instance is known, which is no author
            // id; the parent's author is left out (the threads stage takes it from the parent post).
            replyTo: { postId: `mastodon:${host}:113900000000000002` },
            mentions: [],
            metrics: { likes: 0, reposts: 0, replies: 0 },
            author: { name: 'mia' },
          },
        ],
        check: ([post]) => expect(post!.replyTo).not.toHaveProperty('authorId'),
      },
      [key('113900000000000012')]: {
        posts: [{ url: 'https://remote.example/objects/9f1c2a', author: { bot: true } }],
        check: ([post]) => {
          expect(post!.text.startsWith('Kettle rant, long\n\n')).toBe(true);
          expect(blocksApart(post!.text)).toEqual([]);
          expect(post!.lang).toBeUndefined();
        },
      },
      [key('113900000000000013')]: {
        posts: [{ truncated: true, author: { name: '随筆家' } }],
        check: ([post]) => expect(post!.text).toHaveLength(100_000),
      },
      [key('113900000000000014')]: {
        posts: [
          {
            repostOf: {
              postId: `mastodon:${host}:113899999999999000`,
              authorId: 'mastodon:kettlebrew@brand.example',
            },
            text: 'Firmware 2.4 is out: quieter boil alarm.\nUpdate from the app.',
          },
          { postId: `mastodon:${host}:113899999999999000`, metrics: { likes: 30, reposts: 9, replies: 14 } },
        ],
      },
    };
  },
});
