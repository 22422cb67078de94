import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import {
  blocksApart,
  EVERY_BLOCK_HTML,
  longText,
  type RealVariation,
} from '../shared/contract/real-variation.ts';
import { rssKey } from './keys.ts';

/**
 * An RSS 2.0 feed as blogs serve it: `content:encoded` with every block element, a title carrying escaped
 * markup, an entry without `pubDate` (no time of its own), a figure and caption run into the next sentence,
 * a German entry of 130,000 characters, and an entry with neither guid nor link.
 */
function feed(): string {
  return readFileSync(new URL('./fixtures/real-variation.xml', import.meta.url), 'utf8')
    .replace('@@EVERY_BLOCK_HTML@@', EVERY_BLOCK_HTML)
    .replace(
      '@@LONG@@',
      `<p>${longText(130_000, 'Der Kocher schaltet sich zu früh ab, und die App zeigt „Entkalken“ jeden Morgen an.')}</p>`,
    );
}

export const rssRealVariation = (): RealVariation => ({
  now: Date.parse('2026-03-05T12:00:00Z'),
  route: (req) =>
    req.path === '/feed.xml'
      ? { body: feed(), headers: { 'content-type': 'application/rss+xml; charset=utf-8' } }
      : { status: 404, body: 'not found' },
  rejected: [/entry without id or link/],
  expect: (base) => {
    const key = (id: string) => rssKey(`${base}/feed.xml`, id);
    return {
      [key('https://kettlelife.example/?p=1201')]: {
        posts: [
          {
            author: { handle: 'Émilie Dubois' },
            hashtags: ['Reviews', 'Kettlebrew'],
            createdAt: '2026-03-05T10:15:00.000Z',
            url: 'https://kettlelife.example/2026/03/k2-review/?utm_source=rss&utm_medium=rss',
          },
        ],
        check: ([post]) => {
          // The title's escaped markup is markup: its text stays, the tags go.
          expect(post!.text.startsWith('Review: the Kettlebrew K2 after a month\n\nWeek one')).toBe(true);
          expect(blocksApart(post!.text)).toEqual([]);
          expect(post!.links).toContain('https://kettlelife.example/k2-specs?x=1&y=2');
          expect(post!.approximateTime).toBeUndefined();
        },
      },
      // No time of its own: the fetch time, flagged as approximate rather than passed off as the real one.
      [key('https://kettlelife.example/2026/03/tip-4/')]: {
        posts: [
          {
            createdAt: '2026-03-05T12:00:00.000Z',
            approximateTime: true,
            text: 'Tip 4: descale with citric acid\n\nThe K2 after one shot.\n\nTip 4: use citric acid, not vinegar. 🍋',
            author: { handle: 'Kettle Life — a blog about tea & kettles' },
          },
        ],
      },
      [key('https://kettlelife.example/2026/03/langer-bericht/')]: {
        posts: [{ truncated: true }],
        check: ([post]) => expect(post!.text).toHaveLength(100_000),
      },
    };
  },
});
