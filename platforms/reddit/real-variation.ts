import { expect } from 'vitest';
import { RedditSourceConfig } from './config.ts';
import { longText, readFixture, type RealVariation, testSource } from '../shared/contract/real-variation.ts';
import { createRedditSource } from './source.ts';
import { redditKey } from './keys.ts';

/**
 * A subreddit's new submissions and comments as Reddit serves them with `raw_json=1`: text already unescaped
 * (a literal `&amp;` and `&#3232;` typed by the author), `[deleted]` authors, `[removed]` bodies, a hidden
 * comment score (`score_hidden`, `score` a placeholder), comments without `permalink`, moderator and
 * AutoModerator posts, a link post, a very long comment.
 */
function listings(): { new: unknown; comments: unknown } {
  return readFixture(new URL('./fixtures/real-variation.json', import.meta.url), {
    LONG: longText(120_000, 'Long story about descaling, vinegar and citric acid, step by step.'),
  });
}

/** The connector against a test server: subreddit `kettlebrew` (contract.ts and the recording). */
export const redditTestSource = testSource(RedditSourceConfig, createRedditSource, {
  type: 'reddit',
  subreddits: ['kettlebrew'],
});

export const redditRealVariation = (): RealVariation => ({
  now: Date.parse('2026-03-05T12:00:00Z'),
  createSource: redditTestSource({ comments: true }),
  route: (req) => {
    const empty = { kind: 'Listing', data: { after: null, children: [] } };
    if (req.query.has('after')) return { body: empty };
    if (req.path === '/r/kettlebrew/new.json') return { body: listings().new };
    if (req.path === '/r/kettlebrew/comments.json') return { body: listings().comments };
    return { status: 404, body: { message: 'Not Found', error: 404 } };
  },
  rejected: [/listing child/],
  expect: () => ({
    [redditKey('t3_1j4k2a9')]: {
      posts: [
        {
          author: { id: 'reddit:beanlover', handle: 'beanlover' },
          mentions: ['brewmaster_nl'],
          url: 'https://www.reddit.com/r/kettlebrew/comments/1j4k2a9/k2_firmware_the_descale_nag_fixed/',
        },
      ],
      check: ([post]) => {
        // Reddit has no reposts: that count is unknown, not 0.
        expect(post!.metrics).toEqual({ likes: 57, replies: 12 });
        // Served unescaped: nothing is decoded a second time.
        expect(post!.text).toContain('K2 firmware & the "descale" nag — fixed? 🎉');
        expect(post!.text).toContain('(the &amp; in old links is literal)');
        expect(post!.text).toContain('ಠ_ಠ &#3232; stays as typed.');
        expect(post!.links).toContain('https://kettlebrew.example/manual?model=k2&lang=en');
      },
    },
    // A removed submission keeps its title (the author's words) but not the "[removed]" marker, and its
    // deleted author is nobody in particular: no author id at all.
    [redditKey('t3_1j4jzz1')]: {
      posts: [{ text: 'Weekly help thread', author: { handle: '' }, metrics: { likes: 1, replies: 3 } }],
      check: ([post]) => expect(post!.author).not.toHaveProperty('id'),
    },
    [redditKey('t3_1j4jaa0')]: {
      posts: [{ author: { id: 'reddit:AutoModerator' } }],
      // Zero comments reported: a real 0.
      check: ([post]) => expect(post!.metrics).toEqual({ likes: 1, replies: 0 }),
    },
    [redditKey('t3_1j4j001')]: {
      posts: [
        {
          url: 'https://www.reddit.com/r/kettlebrew/comments/1j4j001/',
          quoteOf: { postId: 'reddit:t3_1j3zzzz' },
          links: ['https://reviews.example/kettlebrew-k2?utm_source=reddit&amp;x=1'],
        },
      ],
    },
    [redditKey('t1_mgk001')]: {
      posts: [{ mentions: ['beanlover'], replyTo: { postId: 'reddit:t3_1j4k2a9' } }],
      // A comment carries no reply count: unknown, not 0.
      check: ([post]) => expect(post!.metrics).toEqual({ likes: 4 }),
    },
    // Deleted authors have no id (never one merged author), and a comment without permalink gets its URL
    // from ids.
    [redditKey('t1_mgk002')]: {
      check: ([post]) => expect(post!.author).not.toHaveProperty('id'),
      posts: [
        {
          author: { handle: '', name: '' },
          url: 'https://www.reddit.com/r/kettlebrew/comments/1j4k2a9/_/mgk002/',
          replyTo: { postId: 'reddit:t1_mgk001' },
          rootId: 'reddit:t3_1j4k2a9',
          mentions: [],
        },
      ],
    },
    // A hidden score is a placeholder, not the comment's votes: the likes are unknown, not 0.
    [redditKey('t1_mgk003')]: {
      posts: [{ author: { handle: '' } }],
      check: ([post]) => {
        expect(post!.author).not.toHaveProperty('id');
        expect(post!.metrics).toEqual({});
      },
    },
    [redditKey('t1_mgk004')]: { skipped: /reddit comment \[removed\]/ },
    [redditKey('t1_mgk005')]: {
      posts: [{ truncated: true }],
      check: ([post]) => {
        expect(post!.text).toHaveLength(100_000);
        // A score of 0 is reported: a real 0.
        expect(post!.metrics).toEqual({ likes: 0 });
      },
    },
    [redditKey('t1_mgk006')]: { posts: [{ author: { id: 'reddit:kettle_mod' } }] },
  }),
});
