import { z } from 'zod';
import { formatIssues } from '../../core/issues.ts';
import type { PostInput } from '../../schema/post.ts';
import { counted } from '../shared/counts.ts';
import type { Normalizer } from '../shared/normalizer.ts';
import { simulatorKey } from './keys.ts';

const Time = z.iso.datetime({ offset: true });
const Count = z.number().int().nonnegative();

const Account = z.object({
  id: z.string().min(1),
  acct: z.string(),
  display_name: z.string().default(''),
  followers_count: Count.optional(),
  following_count: Count.optional(),
  created_at: Time.optional(),
  bot: z.boolean().optional(),
  verified: z.boolean().optional(),
});

const Status = z.object({
  kind: z.literal('status'),
  id: z.string().min(1),
  created_at: Time,
  url: z.string().default(''),
  language: z.string().nullable().optional(),
  account: Account,
  content: z.string(),
  in_reply_to_id: z.string().nullable().optional(),
  in_reply_to_account_id: z.string().nullable().optional(),
  quote_id: z.string().nullable().optional(),
  quote_account_id: z.string().nullable().optional(),
  reblog_of_id: z.string().nullable().optional(),
  reblog_account_id: z.string().nullable().optional(),
  mentions: z.array(z.object({ id: z.string(), acct: z.string() })).default([]),
  tags: z.array(z.object({ name: z.string() })).default([]),
  favourites_count: Count.optional(),
  reblogs_count: Count.optional(),
  replies_count: Count.optional(),
});

const Review = z.object({
  kind: z.literal('review'),
  id: z.string().min(1),
  updated: Time,
  author: z.object({ id: z.string().min(1), name: z.string() }),
  rating: z.number().int().min(1).max(5),
  title: z.string().default(''),
  content: z.string(),
  version: z.string().optional(),
  language: z.string().optional(),
  app: z.object({ id: z.string(), name: z.string() }),
  developer_response: z
    .object({ id: z.string().min(1), author_id: z.string().min(1), body: z.string(), modified: Time })
    .optional(),
});

const SimulatorPayload = z.discriminatedUnion('kind', [Status, Review]);

const LINK = /https?:\/\/[^\s<>"')]+/g;
const id = simulatorKey;

/** The simulator's Mastodon-like statuses and App-Store-like reviews; a review's owner reply is a post too. */
export const normalizeSimulator: Normalizer = (payload, envelope) => {
  const parsed = SimulatorPayload.safeParse(payload);
  if (!parsed.success)
    return { error: `simulator payload: ${formatIssues(parsed.error).replace(/\n/g, '; ')}` };
  const p = parsed.data;
  if (p.kind === 'status') {
    const post: PostInput = {
      postId: id(p.id),
      source: 'simulator',
      url: p.url,
      author: {
        id: id(p.account.id),
        handle: p.account.acct,
        name: p.account.display_name,
        followers: p.account.followers_count,
        following: p.account.following_count,
        createdAt: p.account.created_at,
        bot: p.account.bot,
        verified: p.account.verified,
      },
      text: p.content,
      lang: p.language ?? undefined,
      createdAt: p.created_at,
      fetchedAt: envelope.fetchedAt,
      replyTo: p.in_reply_to_id
        ? {
            postId: id(p.in_reply_to_id),
            authorId: p.in_reply_to_account_id ? id(p.in_reply_to_account_id) : undefined,
          }
        : undefined,
      quoteOf: p.quote_id
        ? { postId: id(p.quote_id), authorId: p.quote_account_id ? id(p.quote_account_id) : undefined }
        : undefined,
      repostOf: p.reblog_of_id
        ? { postId: id(p.reblog_of_id), authorId: p.reblog_account_id ? id(p.reblog_account_id) : undefined }
        : undefined,
      mentions: p.mentions.map((m) => m.acct),
      hashtags: p.tags.map((t) => t.name),
      links: p.content.match(LINK) ?? [],
      metrics: counted({ likes: p.favourites_count, reposts: p.reblogs_count, replies: p.replies_count }),
    };
    return { posts: [post] };
  }
  const review: PostInput = {
    postId: id(p.id),
    source: 'simulator',
    url: '',
    author: { id: id(p.author.id), handle: p.author.name, name: p.author.name },
    text: p.title ? `${p.title}. ${p.content}` : p.content,
    lang: p.language,
    createdAt: p.updated,
    fetchedAt: envelope.fetchedAt,
    review: {
      rating: p.rating,
      maxRating: 5,
      product: p.app.name,
      title: p.title || undefined,
      ownerReply: p.developer_response
        ? {
            text: p.developer_response.body,
            at: p.developer_response.modified,
            authorId: id(p.developer_response.author_id),
          }
        : undefined,
    },
  };
  const posts = [review];
  if (p.developer_response) {
    // The platform says who replied: the app's owner. That makes the reply a brand post (docs/architecture.md §6 rule 1).
    posts.push({
      postId: id(p.developer_response.id),
      source: 'simulator',
      url: '',
      author: { id: id(p.developer_response.author_id), handle: '', name: p.app.name, isBrand: true },
      text: p.developer_response.body,
      lang: p.language,
      createdAt: p.developer_response.modified,
      fetchedAt: envelope.fetchedAt,
      replyTo: { postId: id(p.id), authorId: id(p.author.id) },
      rootId: id(p.id),
    });
  }
  return { posts };
};
