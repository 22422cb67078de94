import { expect } from 'vitest';
import { longText, type RealVariation } from '../shared/contract/real-variation.ts';
import { lemmyCommentView, lemmyPerson, lemmyPostView } from './fixtures.ts';
import { lemmyKey } from './keys.ts';

/**
 * A community as an instance serves it: a post removed by a moderator and one deleted by its author (both
 * still listed, flagged), a moderator's distinguished comment, comments removed and deleted (content emptied),
 * a reply with a fediverse mention and one without, a downvoted comment, a person from another instance
 * without display name, a very long comment, and times without a zone and aggregates with their own `id` and
 * `hot_rank` (Lemmy before 0.19). Aggregates are never null (`CommentAggregates`/`PostAggregates` are plain
 * integers in every version).
 */
function listings(): { posts: unknown[]; comments: unknown[] } {
  const live = lemmyPostView(701, '2026-03-05T09:00:00.000000Z', {
    post: {
      name: 'K2 beeps at night — Ideen? 🫖',
      body: 'Seit dem Update piept er um 3 Uhr. @kettlebrew@lemmy.example?',
    },
    counts: { comments: 6, newest_comment_time: '2026-03-05T11:50:00.000000Z' },
  });
  const removed = lemmyPostView(702, '2026-03-05T10:00:00.000000Z', {
    post: { name: 'BUY CHEAP KETTLES', body: '', removed: true },
    counts: {
      comments: 0,
      upvotes: 1,
      downvotes: 9,
      score: -8,
      newest_comment_time: '2026-03-05T10:00:00.000000Z',
    },
  });
  const deleted = lemmyPostView(703, '2026-03-05T10:30:00', {
    post: { name: 'nvm, fixed it', body: null, deleted: true },
    counts: { comments: 0, newest_comment_time: '2026-03-05T10:30:00' },
  });
  const remote = lemmyPerson(90, 'jan', {
    display_name: null,
    actor_id: 'https://feddit.example/u/jan',
    local: false,
  });
  const comment = (id: number, path: string, at: string, extra: Parameters<typeof lemmyCommentView>[4]) =>
    lemmyCommentView(id, 701, path, at, extra);
  const comments = [
    comment(7101, '0.7101', '2026-03-05T11:00:00.000000Z', {
      comment: { content: '@ana@lemmy.example hast du es zurückgesetzt? Bei mir half das.' },
      creator: remote,
    }),
    comment(7102, '0.7101.7102', '2026-03-05T11:10:00.000000', {
      comment: { content: 'Ja, zweimal. Hilft nicht.' },
      // As a Lemmy 0.18 instance serves them: the aggregate row's own id and hot_rank, times without a zone.
      counts: {
        id: 88102,
        comment_id: 7102,
        score: -2,
        upvotes: 1,
        downvotes: 3,
        published: '2026-03-05T11:10:00.000000',
        child_count: 0,
        hot_rank: 1487,
      },
    }),
    comment(7103, '0.7103', '2026-03-05T11:20:00.000000Z', {
      comment: { content: 'Please keep it on topic. Spam removed.', distinguished: true },
      creator: lemmyPerson(5, 'kettle_mod', { display_name: 'Kettle Mod' }),
    }),
    comment(7104, '0.7104', '2026-03-05T11:30:00.000000Z', { comment: { content: '', removed: true } }),
    comment(7105, '0.7101.7105', '2026-03-05T11:40:00.000000Z', { comment: { content: '', deleted: true } }),
    comment(7106, '0.7106', '2026-03-05T11:50:00.000000Z', {
      comment: {
        content: longText(120_000, 'Mein ausführlicher Bericht über drei Wochen mit dem K2, Tag für Tag.'),
      },
    }),
  ];
  return { posts: [live, removed, deleted], comments };
}

export const lemmyRealVariation = (): RealVariation => ({
  now: Date.parse('2026-03-05T12:00:00Z'),
  route: (req) => {
    const first = (req.query.get('page') ?? '1') === '1';
    if (req.path === '/api/v3/post/list') return { body: { posts: first ? listings().posts : [] } };
    if (req.path === '/api/v3/comment/list')
      return { body: { comments: first && req.query.get('post_id') === '701' ? listings().comments : [] } };
    return { status: 404, body: { error: 'unknown' } };
  },
  expect: (base) => {
    const host = new URL(base).host;
    const post = (id: number) => lemmyKey(host, 'post', id);
    const comment = (id: number) => lemmyKey(host, 'comment', id);
    return {
      [post(701)]: {
        posts: [
          {
            text: 'K2 beeps at night — Ideen? 🫖\n\nSeit dem Update piept er um 3 Uhr. @kettlebrew@lemmy.example?',
            mentions: ['kettlebrew@lemmy.example'],
          },
        ],
        // Lemmy has no reposts: that count is unknown, not 0.
        check: ([p]) => expect(p!.metrics).toEqual({ likes: 5, replies: 6 }),
      },
      // Taken down on the platform: nothing produced, and what an earlier fetch stored is erased.
      [post(702)]: { skipped: /lemmy post removed by a moderator/, erasures: [post(702)] },
      [post(703)]: { skipped: /lemmy post deleted by its author/, erasures: [post(703)] },
      [comment(7101)]: {
        posts: [
          {
            mentions: ['ana@lemmy.example'],
            replyTo: { postId: post(701) },
            author: { id: 'lemmy:https://feddit.example/u/jan', handle: 'jan@feddit.example', name: '' },
          },
        ],
      },
      [comment(7102)]: {
        posts: [
          {
            mentions: [],
            replyTo: { postId: comment(7101) },
            rootId: post(701),
            createdAt: '2026-03-05T11:10:00.000Z',
          },
        ],
        // A downvoted comment: upvotes and child count as reported, 0 included; no reposts on Lemmy.
        check: ([p]) => expect(p!.metrics).toEqual({ likes: 1, replies: 0 }),
      },
      [comment(7103)]: { posts: [{ author: { handle: 'kettle_mod@lemmy.example', name: 'Kettle Mod' } }] },
      [comment(7104)]: { skipped: /lemmy comment removed by a moderator/, erasures: [comment(7104)] },
      [comment(7105)]: { skipped: /lemmy comment deleted by its author/, erasures: [comment(7105)] },
      [comment(7106)]: {
        posts: [{ truncated: true }],
        check: ([p]) => expect(p!.text).toHaveLength(100_000),
      },
    };
  },
});
