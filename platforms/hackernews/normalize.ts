import { z } from 'zod';
import { formatIssues } from '../../core/issues.ts';
import type { PostInput } from '../../schema/post.ts';
import type { Normalizer } from '../shared/normalizer.ts';
import { linksOf, parseHtml } from '../shared/html.ts';
import { isoFromSeconds } from '../shared/time.ts';
import { hackerNewsKey } from './keys.ts';

const Hit = z.object({
  objectID: z.string().min(1),
  created_at_i: z.number().int().positive(),
  author: z.string().nullish(),
  title: z.string().nullish(),
  url: z.string().nullish(),
  story_text: z.string().nullish(),
  comment_text: z.string().nullish(),
  points: z.number().int().nullish(),
  num_comments: z.number().int().nullish(),
  story_id: z.number().int().nullish(),
  parent_id: z.number().int().nullish(),
  _tags: z.array(z.string()).default([]),
});

/**
 * Algolia HN hits: stories (title, text, link) and comments (reply to `parent_id`, thread `story_id`). Text is
 * HTML whose paragraphs are bare `<p>` separators. A hit without author and text is a deleted item: skipped.
 */
export const normalizeHackerNews: Normalizer = (payload, envelope) => {
  const parsed = Hit.safeParse(payload);
  if (!parsed.success)
    return { error: `hacker news hit: ${formatIssues(parsed.error).replace(/\n/g, '; ')}` };
  const h = parsed.data;
  const id = (n: string | number) => hackerNewsKey(String(n));
  const createdAt = isoFromSeconds(h.created_at_i);
  if (!createdAt) return { error: `hacker news hit: created_at_i ${h.created_at_i} is not a time` };
  const html = h.comment_text ?? h.story_text ?? '';
  if (!h.author) {
    if (!html && !h.title) return { posts: [], skipped: `hacker news item ${h.objectID} deleted` };
    return { error: `hacker news hit ${h.objectID}: author is missing` };
  }
  const parsedHtml = parseHtml(html);
  const body = parsedHtml.text;
  const isComment = h._tags.includes('comment') || (!h.title && h.parent_id != null);
  const post: PostInput = {
    postId: id(h.objectID),
    source: 'hackernews',
    url: `https://news.ycombinator.com/item?id=${h.objectID}`,
    author: { id: id(`user:${h.author}`), handle: h.author, name: h.author },
    text: isComment ? body : [h.title ?? '', body].filter(Boolean).join('\n\n'),
    createdAt,
    fetchedAt: envelope.fetchedAt,
    links: [...new Set([...(h.url ? [h.url] : []), ...linksOf(parsedHtml)])],
    // Comments come with null or no `points` and no `num_comments`: unknown, not zero. HN has no reposts.
    metrics: {
      ...(h.points != null ? { likes: Math.max(0, h.points) } : {}),
      ...(h.num_comments != null ? { replies: Math.max(0, h.num_comments) } : {}),
    },
  };
  if (isComment && h.parent_id != null) {
    post.replyTo = { postId: id(h.parent_id) };
    if (h.story_id != null) post.rootId = id(h.story_id);
  }
  return { posts: [post] };
};
