import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Post } from '../../schema/post.ts';
import { lobstersComment, lobstersStory, lobstersUserObject } from './fixtures.ts';
import { normalizeLobsters } from './normalize.ts';

const story = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/story.json', import.meta.url)), 'utf8'),
) as Record<string, unknown> & { comments: Record<string, unknown>[] };
const envelope = {
  source: 'lobsters',
  fetchedAt: '2026-03-05T18:00:00.000Z',
  origin: 'https://lobste.rs',
  payload: null,
};
const comment = (c: unknown) => ({ story_short_id: 'k2fw01', comment: c });
const normalize = (payload: unknown) => {
  const result = normalizeLobsters(payload, envelope);
  if ('error' in result) throw new Error(result.error);
  return result.posts.map((p) => Post.parse(p));
};

describe('lobsters normaliser', () => {
  it('a text story: title and description, tags, links without user pages, the user page link as a mention', () => {
    const { comments: _c, ...bare } = story;
    expect(normalize(bare)[0]).toMatchObject({
      postId: 'lobsters:lobste.rs:s/k2fw01',
      source: 'lobsters',
      url: 'https://lobste.rs/s/k2fw01/why_my_kettlebrew_k2_wanted_descale_every',
      author: { id: 'lobsters:lobste.rs:u/descaler', handle: 'descaler' },
      text: expect.stringMatching(
        /^Why my Kettlebrew K2 wanted to descale every morning\n\nAfter the 3\.2 update/,
      ),
      createdAt: '2026-03-05T14:12:44.000Z',
      hashtags: ['ask', 'hardware'],
      links: ['https://kettlebrew.example/changelog'],
      mentions: ['kettlebrew_hq'],
      metrics: { likes: 17, replies: 3 },
    });
  });

  it('comments keep the thread: a top-level comment answers the story, a reply its parent comment', () => {
    const [top] = normalize(comment(story.comments[0]));
    expect(top).toMatchObject({
      postId: 'lobsters:lobste.rs:c/c7a1b2',
      url: 'https://lobste.rs/c/c7a1b2',
      replyTo: { postId: 'lobsters:lobste.rs:s/k2fw01' },
      rootId: 'lobsters:lobste.rs:s/k2fw01',
      author: { handle: 'tinkerer' },
      links: ['https://github.com/example/k2ctl'],
      metrics: { likes: 9 },
    });
    expect(top!.text).toBe(
      'The counter lives in EEPROM; ~descaler, try k2ctl reset-counter as described in k2ctl.',
    );
    expect(normalize(comment(story.comments[1]))[0]).toMatchObject({
      replyTo: { postId: 'lobsters:lobste.rs:c/c7a1b2' },
      rootId: 'lobsters:lobste.rs:s/k2fw01',
    });
  });

  it('a removed comment produces nothing and erases what was stored', () => {
    expect(normalizeLobsters(comment(story.comments[2]), envelope)).toEqual({
      posts: [],
      skipped: 'lobsters comment removed by its author',
      erasures: [{ postId: 'lobsters:lobste.rs:c/c7a1b4', reason: 'lobsters comment removed by its author' }],
    });
  });

  it('users as objects (sites on code before March 2024) give the same author, with the join date', () => {
    const old = lobstersStory('k2fw02', '2026-03-05T10:00:00.000Z', {
      submitter_user: lobstersUserObject('descaler'),
    });
    expect(normalize(old)[0]!.author).toEqual({
      id: 'lobsters:lobste.rs:u/descaler',
      handle: 'descaler',
      name: '',
      createdAt: '2019-04-02T13:15:00.000Z',
    });
    const c = lobstersComment('c0', 'k2fw02', '2026-03-05T10:00:00.000Z', null, {
      commenting_user: lobstersUserObject('tinkerer'),
    });
    expect(normalize({ story_short_id: 'k2fw02', comment: c })[0]!.author.handle).toBe('tinkerer');
  });

  it('counts: a missing score is absent, a negative one is no likes, a reported 0 stays 0', () => {
    const { score: _s, comment_count: _n, ...bare } = lobstersStory('k2fw03', '2026-03-05T10:00:00.000Z');
    expect(normalize(bare)[0]!.metrics).toEqual({});
    const flagged = lobstersStory('k2fw04', '2026-03-05T10:00:00.000Z', { score: -4, comment_count: 0 });
    expect(normalize(flagged)[0]!.metrics).toEqual({ likes: 0, replies: 0 });
  });

  it('rejects an item without time or user, and an item without its site', () => {
    const { created_at: _t, ...timeless } = lobstersStory('k2fw05', '2026-03-05T10:00:00.000Z');
    expect(normalizeLobsters(timeless, envelope)).toEqual({ error: expect.stringContaining('created_at') });
    const anonymous = lobstersComment('c1', 'k2fw05', '2026-03-05T10:00:00.000Z', null, {
      commenting_user: null,
    });
    expect(normalizeLobsters(comment(anonymous), envelope)).toEqual({
      error: expect.stringContaining('commenting_user'),
    });
    const { origin: _o, ...bare } = envelope;
    expect(normalizeLobsters(story, bare)).toEqual({ error: expect.stringContaining('origin') });
  });
});
