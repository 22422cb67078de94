import { decode } from 'html-entities';
import { z } from 'zod';
import { formatIssues } from '../../../core/config.ts';
import type { PostInput } from '../../../schema/post.ts';
import type { Normalizer } from '../normalizer.ts';

const Count = z.number().int().catch(0);
const Common = {
  id: z.string().min(1),
  name: z.string().regex(/^t[13]_\w+$/),
  author: z.string().default('[deleted]'),
  subreddit: z.string().default(''),
  created_utc: z.number().positive(),
  permalink: z.string().default(''),
  score: Count.default(0),
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
      num_comments: Count.default(0),
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

/**
 * Reddit listing children: t3 submissions (title + self text) and t1 comments (reply to `parent_id`, thread
 * root `link_id`). Usernames are global, so authors are `reddit:<username>`. Listings carry no follower
 * counts; Reddit does not offer them for other users.
 */
export const normalizeReddit: Normalizer = (payload, envelope) => {
  const parsed = Thing.safeParse(payload);
  if (!parsed.success) return { error: `reddit thing: ${formatIssues(parsed.error).replace(/\n/g, '; ')}` };
  const { kind, data } = parsed.data;
  const text = decode(kind === 't3' ? [data.title, data.selftext].filter(Boolean).join('\n\n') : data.body);
  const base: PostInput = {
    postId: `reddit:${data.name}`,
    source: 'reddit',
    url: data.permalink ? `https://www.reddit.com${data.permalink}` : '',
    author: { id: `reddit:${data.author}`, handle: data.author, name: data.author },
    text,
    createdAt: new Date(data.created_utc * 1000).toISOString(),
    fetchedAt: envelope.fetchedAt,
    mentions: [...new Set([...text.matchAll(USER)].map((m) => m[1]!))],
    hashtags: SUB_TAG(data.subreddit),
    links: [...new Set(text.match(LINK) ?? [])],
    metrics: {
      likes: Math.max(0, data.score),
      reposts: 0,
      replies: kind === 't3' ? Math.max(0, data.num_comments) : 0,
    },
  };
  if (kind === 't3') {
    const external = !data.is_self && data.url ? [data.url] : [];
    return {
      posts: [
        {
          ...base,
          links: [...new Set([...external, ...(base.links ?? [])])],
          quoteOf: data.crosspost_parent ? { postId: `reddit:${data.crosspost_parent}` } : undefined,
        },
      ],
    };
  }
  return {
    posts: [{ ...base, replyTo: { postId: `reddit:${data.parent_id}` }, rootId: `reddit:${data.link_id}` }],
  };
};
