import { expect } from 'vitest';
import {
  blocksApart,
  EVERY_BLOCK_HTML,
  longText,
  type RealVariation,
} from '../shared/contract/real-variation.ts';
import { lobstersComment, lobstersStory, lobstersUserObject } from './fixtures.ts';
import { lobstersKey } from './keys.ts';

/**
 * `/newest.json` and `/s/<short_id>.json` as a site serves them: a link story without description and a text
 * story (`url` empty) whose description has every block element and a very long text; a story from a site on
 * code before March 2024 (users as objects, with their join date); a story without comments (not fetched); a
 * story without `created_at`; comments with a user mention rendered as a `/~name` link, a reply, a comment
 * removed by its author and one by a moderator (served with a notice instead of the text), a heavily flagged
 * comment (negative score), and non-ASCII text.
 */
function responses(): Record<string, unknown> {
  const link = lobstersStory('rv0001', '2026-03-05T09:00:00.000-06:00', {
    title: 'Kettlebrew K2 teardown: the descale counter lives in EEPROM',
    comment_count: 5,
    score: 12,
  });
  const text = lobstersStory('rv0002', '2026-03-05T10:30:00.000Z', {
    title: 'Ask: is anyone else’s Kettlebrew stuck on “descale”? ☕',
    url: '',
    description: `${EVERY_BLOCK_HTML}<p>${longText(110_000, 'The descale light comes on every morning even with filtered water.')}</p>`,
    comment_count: 0,
    score: 0,
    tags: ['ask', 'hardware'],
  });
  const old = lobstersStory('rv0003', '2026-03-05T07:00:00.000-05:00', {
    submitter_user: lobstersUserObject('brewer', { created_at: '2019-04-02T08:15:00.000-05:00' }),
    comment_count: 1,
  });
  const timeless = { ...lobstersStory('rv0004', ''), created_at: undefined };
  const comment = lobstersComment;
  const linkComments = [
    comment('rc0001', 'rv0001', '2026-03-05T09:20:00.000-06:00', null, {
      comment:
        '<p>Nice work <a href="https://lobste.rs/~descaler" rel="ugc">@descaler</a>! The <a href="https://github.com/example/k2ctl" rel="ugc">k2ctl</a> tool resets it.</p>\n',
      score: 7,
    }),
    comment('rc0002', 'rv0001', '2026-03-05T09:40:00.000-06:00', 'rc0001', {
      comment: '<p>Funktioniert auch beim K1 — danke! 🫖</p>\n',
      commenting_user: 'jan',
    }),
    comment('rc0003', 'rv0001', '2026-03-05T09:50:00.000-06:00', 'rc0001', {
      is_deleted: true,
      comment: '<em>Comment removed by author</em>',
      comment_plain: 'Comment removed by author',
    }),
    comment('rc0004', 'rv0001', '2026-03-05T10:00:00.000-06:00', null, {
      is_moderated: true,
      comment: '<em>Comment removed by moderator pushcx: spam</em>',
      comment_plain: 'Comment removed by moderator pushcx: spam',
    }),
    comment('rc0005', 'rv0001', '2026-03-05T10:10:00.000-06:00', null, {
      comment: '<p>Buy a real kettle.</p>\n',
      score: -3,
      flags: 5,
    }),
  ];
  const oldComments = [
    comment('rc0006', 'rv0003', '2026-03-05T07:30:00.000-05:00', null, {
      commenting_user: lobstersUserObject('tinkerer', { created_at: '2021-01-10T12:00:00.000-05:00' }),
      comment: '<p>Same here; support told me to <em>descale harder</em>.</p>\n',
    }),
  ];
  return {
    '/newest.json': [text, link, old, timeless],
    '/s/rv0001.json': { ...link, comments: linkComments },
    '/s/rv0003.json': { ...old, comments: oldComments },
  };
}

export const lobstersRealVariation = (): RealVariation => ({
  now: Date.parse('2026-03-05T18:00:00Z'),
  route: (req) => {
    const body = responses()[req.path];
    if (body) return { body };
    if (/^\/newest\/page\/\d+\.json$/.test(req.path)) return { body: [] };
    return { status: 404, body: { error: 'not found' } };
  },
  rejected: [/story: created_at/],
  expect: (base) => {
    const host = new URL(base).host;
    const s = (id: string) => lobstersKey(host, 's', id);
    const c = (id: string) => lobstersKey(host, 'c', id);
    return {
      [s('rv0001')]: {
        posts: [
          {
            text: 'Kettlebrew K2 teardown: the descale counter lives in EEPROM',
            links: ['https://blog.example/kettlebrew-k2-firmware'],
            hashtags: ['hardware', 'reversing'],
            author: { id: lobstersKey(host, 'u', 'descaler'), handle: 'descaler' },
            createdAt: '2026-03-05T15:00:00.000Z',
          },
        ],
        // Lobsters has no reposts: that count is unknown, not 0.
        check: ([p]) => expect(p!.metrics).toEqual({ likes: 12, replies: 5 }),
      },
      [s('rv0002')]: {
        posts: [{ truncated: true, links: [] }],
        check: ([p]) => {
          expect(
            p!.text.startsWith('Ask: is anyone else’s Kettlebrew stuck on “descale”? ☕\n\nWeek one'),
          ).toBe(true);
          expect(blocksApart(p!.text)).toEqual([]);
          expect(p!.text).toHaveLength(100_000);
          // Reported zeros stay 0.
          expect(p!.metrics).toEqual({ likes: 0, replies: 0 });
        },
      },
      [s('rv0003')]: {
        posts: [{ author: { handle: 'brewer', createdAt: '2019-04-02T13:15:00.000Z' } }],
      },
      [c('rc0001')]: {
        posts: [
          {
            text: 'Nice work @descaler! The k2ctl tool resets it.',
            mentions: ['descaler'],
            links: ['https://github.com/example/k2ctl'],
            replyTo: { postId: s('rv0001') },
            rootId: s('rv0001'),
          },
        ],
        check: ([p]) => expect(p!.metrics).toEqual({ likes: 7 }),
      },
      [c('rc0002')]: {
        posts: [
          {
            text: 'Funktioniert auch beim K1 — danke! 🫖',
            author: { handle: 'jan' },
            replyTo: { postId: c('rc0001') },
            rootId: s('rv0001'),
          },
        ],
      },
      [c('rc0003')]: { skipped: /lobsters comment removed by its author/, erasures: [c('rc0003')] },
      [c('rc0004')]: { skipped: /lobsters comment removed by a moderator/, erasures: [c('rc0004')] },
      // Flagged below zero: no likes, not a negative count.
      [c('rc0005')]: { posts: [{}], check: ([p]) => expect(p!.metrics).toEqual({ likes: 0 }) },
      [c('rc0006')]: {
        posts: [
          {
            author: { handle: 'tinkerer', createdAt: '2021-01-10T17:00:00.000Z' },
            replyTo: { postId: s('rv0003') },
          },
        ],
      },
    };
  },
});
