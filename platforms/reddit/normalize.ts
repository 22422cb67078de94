import { z } from 'zod';
import { formatIssues } from '../../core/issues.ts';
import type { PostInput } from '../../schema/post.ts';
import type { Normalizer } from '../shared/normalizer.ts';
import { isoFromSeconds } from '../shared/time.ts';
import { redditKey } from './keys.ts';

/** A count that is not an integer is unknown, like a missing one. */
const Count = z.number().int().nullish().catch(undefined);
const Common = {
  id: z.string().min(1),
  name: z.string().regex(/^t[13]_\w+$/),
  author: z.string().nullish(),
  subreddit: z.string().default(''),
  created_utc: z.number().positive(),
  permalink: z.string().nullish(),
  score: Count,
  /** A young comment's score is hidden: `score` is then a placeholder (1), not its votes. */
  score_hidden: z.boolean().nullish(),
};
const Thing = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('t3'),
    data: z.object({
      ...Common,
      title: z.string(),
      selftext: z.string().default(''),
      url: z.string().nullish(),
      is_self: z.boolean().default(true),
      num_comments: Count,
      crosspost_parent: z.string().nullish(),
    }),
  }),
  z.object({
    kind: z.literal('t1'),
    data: z.object({ ...Common, body: z.string(), parent_id: z.string(), link_id: z.string() }),
  }),
]);

const USER = /(?:^|[^\w/])\/?u\/([A-Za-z0-9_-]{3,20})/g;
const SUB_TAG = (sub: string) => (sub ? [`r/${sub}`] : []);
const LINK = /https?:\/\/[^\s<>"')\]]+/g;

/** Accounts that no longer exist (or were never shown): Reddit names every one of them `[deleted]`. */
const GONE = new Set(['[deleted]', '[removed]', '']);
const GONE_TEXT = new Set(['[deleted]', '[removed]']);

/** The thread URL from ids when a listing leaves out `permalink` (many real comments do). */
function urlOf(data: { id: string; subreddit: string; permalink?: string | null }, linkId?: string): string {
  if (data.permalink) return `https://www.reddit.com${data.permalink}`;
  const sub = data.subreddit ? `/r/${encodeURIComponent(data.subreddit)}` : '';
  if (!linkId) return `https://www.reddit.com${sub}/comments/${data.id}/`;
  return `https://www.reddit.com${sub}/comments/${linkId.replace(/^t3_/, '')}/_/${data.id}/`;
}

/**
 * Reddit listing children: t3 submissions (title + self text) and t1 comments (reply to `parent_id`, thread
 * root `link_id`). Usernames are global, so authors are `reddit:<username>`. A deleted account (`[deleted]`)
 * is nobody in particular: its posts have no author id (see `Author.id` in schema/post.ts), so they are never
 * merged into one author nor scored. Listings carry no follower counts; Reddit does not offer them.
 * The connector asks for `raw_json=1`: text arrives unescaped and is kept as written.
 */
export const normalizeReddit: Normalizer = (payload, envelope) => {
  const parsed = Thing.safeParse(payload);
  if (!parsed.success) return { error: `reddit thing: ${formatIssues(parsed.error).replace(/\n/g, '; ')}` };
  const { kind, data } = parsed.data;
  const createdAt = isoFromSeconds(data.created_utc);
  if (!createdAt) return { error: `reddit thing: created_utc ${data.created_utc} is not a time` };
  // Removed (by a moderator) or deleted (by the author) text is replaced by a marker, not the author's words.
  if (kind === 't1' && GONE_TEXT.has(data.body.trim()))
    return { posts: [], skipped: `reddit comment ${data.body.trim()}` };
  const selftext = kind === 't3' && !GONE_TEXT.has(data.selftext.trim()) ? data.selftext : '';
  const text = kind === 't3' ? [data.title, selftext].filter(Boolean).join('\n\n') : data.body;
  const name = data.author ?? '';
  const author = GONE.has(name) ? { handle: '', name: '' } : { id: `reddit:${name}`, handle: name, name };
  const base: PostInput = {
    postId: redditKey(data.name),
    source: 'reddit',
    url: urlOf(data, kind === 't1' ? data.link_id : undefined),
    author,
    text,
    createdAt,
    fetchedAt: envelope.fetchedAt,
    mentions: [...new Set([...text.matchAll(USER)].map((m) => m[1]!))],
    hashtags: SUB_TAG(data.subreddit),
    links: [...new Set(text.match(LINK) ?? [])],
    // A hidden score is a placeholder and comments carry no reply count: both unknown, not zero. A negative
    // score is a reported count of no likes. Reddit has no reposts (a crosspost is a post of its own).
    metrics: {
      ...(!data.score_hidden && data.score != null ? { likes: Math.max(0, data.score) } : {}),
      ...(kind === 't3' && data.num_comments != null ? { replies: Math.max(0, data.num_comments) } : {}),
    },
  };
  if (kind === 't3') {
    const external = !data.is_self && data.url ? [data.url] : [];
    return {
      posts: [
        {
          ...base,
          links: [...new Set([...external, ...(base.links ?? [])])],
          quoteOf: data.crosspost_parent ? { postId: redditKey(data.crosspost_parent) } : undefined,
        },
      ],
    };
  }
  return {
    posts: [{ ...base, replyTo: { postId: redditKey(data.parent_id) }, rootId: redditKey(data.link_id) }],
  };
};
