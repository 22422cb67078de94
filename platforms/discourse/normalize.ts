import { z } from 'zod';
import { formatIssues } from '../../core/issues.ts';
import type { PostInput } from '../../schema/post.ts';
import type { Normalizer } from '../shared/normalizer.ts';
import { linksOf, parseHtml, type Anchor } from '../shared/html.ts';
import { isoFromText, parseUrl } from '../shared/time.ts';
import { discourseKey } from './keys.ts';

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
  reply_count: Count.nullish(),
  reads: Count.nullish(),
  post_type: z.number().int().optional(),
  deleted_at: z.string().nullish(),
  user_deleted: z.boolean().nullish(),
  actions_summary: z.array(z.looseObject({ id: z.number().int(), count: Count.nullish() })).nullish(),
});

/** What the `discourse` connector produces: the post untouched with its topic. */
const Payload = z.object({
  topic: z.object({ id: z.number().int(), title: z.string(), slug: z.string() }),
  post: DiscoursePost,
});

/** Discourse's "like" post action. */
const LIKE = 2;

/**
 * Likes from `actions_summary`. Discourse leaves an action whose count is 0 out of the summary (an empty
 * summary is a post nobody liked), so a served summary without a like entry is a reported 0; without a
 * summary, likes are unknown.
 */
function likesOf(summary: { id: number; count?: number | null }[] | null | undefined): { likes?: number } {
  if (!summary) return {};
  const like = summary.find((a) => a.id === LIKE);
  if (!like) return { likes: 0 };
  return like.count != null ? { likes: like.count } : {};
}

/** `post_type` values that are forum events or staff-only notes, not posts (see platforms/discourse/source.ts). */
const NOT_POSTS: Record<number, string> = { 2: 'moderator action', 3: 'small action', 4: 'staff whisper' };

interface Cooked {
  text: string;
  links: string[];
  mentions: string[];
  hashtags: string[];
  /** The first quoted post: `<aside class="quote" data-post="3" data-topic="12">`. */
  quote?: { topic: number; post: number };
}

/**
 * One pass over `cooked` HTML: quotes (`<aside class="quote">`) are a reference, not the author's words; an
 * image's lightbox caption (`div.meta`: file name and size) is not text; an image-only post keeps the image
 * as `[image: alt]`. Mentions are `<a class="mention" href="/u/bob">@bob</a>`; hashtags carry `data-slug`
 * (newer `hashtag-cooked`) or link `/tag/x`, `/c/x` (older `hashtag`).
 */
function readCooked(html: string): Cooked {
  let quote: Cooked['quote'];
  const parsed = parseHtml(html, {
    images: true,
    onElement(name, attribs) {
      const classes = (attribs.class ?? '').split(/\s+/);
      if (name === 'aside' && classes.includes('quote')) {
        const post = Number(attribs['data-post']);
        const topic = Number(attribs['data-topic']);
        if (!quote && Number.isInteger(post) && Number.isInteger(topic) && post > 0 && topic > 0)
          quote = { topic, post };
        return 'skip';
      }
      if (name === 'div' && classes.includes('meta')) return 'skip';
      return undefined;
    },
  });
  const mentions: string[] = [];
  const hashtags: string[] = [];
  for (const a of parsed.anchors) {
    if (a.classes.includes('mention')) {
      const user = /\/u\/([^/?#]+)/.exec(a.href)?.[1];
      if (user) mentions.push(decodeURIComponent(user));
    } else if (a.classes.includes('hashtag') || a.classes.includes('hashtag-cooked')) {
      const slug = a.attribs['data-slug'] ?? /^\/(?:tag|c)\/([^"/?#]+)/.exec(a.href)?.[1];
      if (slug) hashtags.push(slug);
    }
  }
  const keep = (a: Anchor) =>
    !a.classes.includes('mention') &&
    !a.classes.includes('hashtag') &&
    !a.classes.includes('hashtag-cooked') &&
    !a.classes.includes('lightbox');
  return {
    text: parsed.text,
    links: linksOf(parsed, keep),
    mentions: [...new Set(mentions)],
    hashtags: [...new Set(hashtags)],
    ...(quote ? { quote } : {}),
  };
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
  const origin = parseUrl(envelope.origin);
  if (!origin?.host) return { error: `discourse post: origin is not a URL: ${envelope.origin}` };
  const { topic, post: p } = parsed.data;
  const notPost = p.post_type !== undefined ? NOT_POSTS[p.post_type] : undefined;
  if (notPost) return { posts: [], skipped: `discourse ${notPost} (post_type ${p.post_type})` };
  if (p.deleted_at || p.user_deleted) return { posts: [], skipped: 'discourse post deleted' };
  const host = origin.host;
  const key = (topicId: number, n: number) => discourseKey(host, topicId, n);
  const cooked = readCooked(p.cooked);
  const body = cooked.text;
  const quoted = cooked.quote;
  const createdAt = isoFromText(p.created_at);
  if (!createdAt) return { error: `discourse post: created_at ${p.created_at} is not a time` };
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
    createdAt,
    fetchedAt: envelope.fetchedAt,
    replyTo: parent !== undefined ? { postId: key(p.topic_id, parent) } : undefined,
    rootId: p.post_number > 1 ? key(p.topic_id, 1) : undefined,
    quoteOf: quoted ? { postId: key(quoted.topic, quoted.post) } : undefined,
    mentions: cooked.mentions,
    hashtags: cooked.hashtags,
    links: cooked.links,
    metrics: {
      ...likesOf(p.actions_summary),
      ...(p.reply_count != null ? { replies: p.reply_count } : {}),
      ...(p.reads != null ? { views: p.reads } : {}),
    },
  };
  return { posts: [post] };
};
