import { decode } from 'html-entities';
import { z } from 'zod';
import { formatIssues } from '../../../core/config.ts';
import type { PostInput } from '../../../schema/post.ts';
import type { Normalizer } from '../normalizer.ts';
import { htmlToText, linksIn } from './html.ts';

const Time = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a readable date-time');
const Count = z.number().int().nonnegative();

/** A post of Discourse's post stream (`/t/{id}.json`), the fields used here. */
const DiscoursePost = z.object({
  id: z.number().int(),
  topic_id: z.number().int(),
  post_number: z.number().int().positive(),
  created_at: Time,
  username: z.string().min(1),
  name: z.string().nullish(),
  user_id: z.number().int().optional(),
  cooked: z.string(),
  reply_to_post_number: z.number().int().positive().nullish(),
  reply_count: Count.optional(),
  reads: Count.optional(),
  actions_summary: z.array(z.looseObject({ id: z.number().int(), count: Count.optional() })).optional(),
});

/** What the `discourse` connector produces: the post untouched with its topic. */
const Payload = z.object({
  topic: z.object({ id: z.number().int(), title: z.string(), slug: z.string() }),
  post: DiscoursePost,
});

/** Discourse's "like" post action. */
const LIKE = 2;

/** Quoted posts are `<aside class="quote" data-post="3" data-topic="12">…</aside>`: a reference, not the author's words. */
const QUOTE_BLOCK = /<aside[^>]*class="[^"]*\bquote\b[^"]*"[^>]*>[\s\S]*?<\/aside>/gi;

function firstQuote(html: string): { topic: number; post: number } | undefined {
  for (const m of html.matchAll(/<aside([^>]*class="[^"]*\bquote\b[^"]*"[^>]*)>/gi)) {
    const attrs = m[1]!;
    const post = /data-post="(\d+)"/.exec(attrs)?.[1];
    const topic = /data-topic="(\d+)"/.exec(attrs)?.[1];
    if (post && topic) return { topic: Number(topic), post: Number(post) };
  }
  return undefined;
}

/** `<a class="mention" href="/u/bob">@bob</a>` → bob. */
function mentionsIn(html: string): string[] {
  const found = [...html.matchAll(/<a[^>]*class="[^"]*\bmention\b[^"]*"[^>]*>@([^<]+)<\/a>/gi)].map((m) =>
    decode(m[1]!).trim(),
  );
  return [...new Set(found)];
}

/** Hashtags: `data-slug` on the newer `hashtag-cooked` links, `/tag/x` or `/c/x` on the older `hashtag` ones. */
function hashtagsIn(html: string): string[] {
  const tags: string[] = [];
  for (const m of html.matchAll(/<a([^>]*class="[^"]*\bhashtag(?:-cooked)?\b[^"]*"[^>]*)>/gi)) {
    const attrs = m[1]!;
    const slug = /data-slug="([^"]+)"/.exec(attrs)?.[1] ?? /href="\/(?:tag|c)\/([^"/?]+)/.exec(attrs)?.[1];
    if (slug) tags.push(decode(slug));
  }
  return [...new Set(tags)];
}

/**
 * A Discourse post. Ids are `discourse:<forum host>:<topic id>/<post number>`: a reply names its parent by
 * number (`reply_to_post_number`; a post replying to no post answers the topic, i.e. post 1) and every post
 * in a topic shares its root, post 1. The opening post's text starts with the topic title.
 */
export const normalizeDiscourse: Normalizer = (payload, envelope) => {
  const parsed = Payload.safeParse(payload);
  if (!parsed.success) return { error: `discourse post: ${formatIssues(parsed.error).replace(/\n/g, '; ')}` };
  if (!envelope.origin) return { error: 'discourse post without the forum it came from (envelope origin)' };
  let origin: URL;
  try {
    origin = new URL(envelope.origin);
  } catch {
    return { error: `discourse post: origin is not a URL: ${envelope.origin}` };
  }
  const { topic, post: p } = parsed.data;
  const host = origin.host;
  const key = (topicId: number, n: number) => `discourse:${host}:${topicId}/${n}`;
  const html = p.cooked;
  const own = html.replace(QUOTE_BLOCK, '');
  const body = htmlToText(own);
  const quoted = firstQuote(html);
  const parent = p.post_number > 1 ? (p.reply_to_post_number ?? 1) : undefined;
  const post: PostInput = {
    postId: key(p.topic_id, p.post_number),
    source: 'discourse',
    url: `${origin.origin}${origin.pathname.replace(/\/+$/, '')}/t/${topic.slug || 'topic'}/${p.topic_id}/${p.post_number}`,
    author: {
      id: `discourse:${host}:${p.user_id !== undefined ? `u${p.user_id}` : p.username}`,
      handle: p.username,
      name: p.name ?? '',
      // Negative ids are the forum's own automation (system, discobot).
      ...(p.user_id !== undefined ? { bot: p.user_id < 0 } : {}),
    },
    text: p.post_number === 1 && topic.title ? `${topic.title}\n\n${body}` : body,
    createdAt: new Date(Date.parse(p.created_at)).toISOString(),
    fetchedAt: envelope.fetchedAt,
    replyTo: parent !== undefined ? { postId: key(p.topic_id, parent) } : undefined,
    rootId: p.post_number > 1 ? key(p.topic_id, 1) : undefined,
    quoteOf: quoted ? { postId: key(quoted.topic, quoted.post) } : undefined,
    mentions: mentionsIn(own),
    hashtags: hashtagsIn(own),
    links: linksIn(own, body),
    metrics: {
      likes: p.actions_summary?.find((a) => a.id === LIKE)?.count ?? 0,
      reposts: 0,
      replies: p.reply_count ?? 0,
      ...(p.reads !== undefined ? { views: p.reads } : {}),
    },
  };
  return { posts: [post] };
};
