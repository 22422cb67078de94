import { z } from 'zod';
import { formatIssues } from '../../core/issues.ts';
import type { PostInput } from '../../schema/post.ts';
import type { Normalizer } from '../shared/normalizer.ts';
import { linksOf, parseHtml } from '../shared/html.ts';
import { hostOf, isoFromText } from '../shared/time.ts';
import { rssKey } from './keys.ts';

const Payload = z.object({
  id: z.string().min(1),
  feed: z.object({ url: z.string(), title: z.string().nullish(), link: z.string().nullish() }),
  item: z.object({
    title: z.string().nullish(),
    description: z.string().nullish(),
    content: z.string().nullish(),
    url: z.string().nullish(),
    published: z.string().nullish(),
    updated: z.string().nullish(),
    authors: z
      .array(z.object({ name: z.string().nullish(), url: z.string().nullish(), email: z.string().nullish() }))
      .default([]),
    categories: z.array(z.object({ label: z.string().nullish(), term: z.string().nullish() })).default([]),
  }),
});

/**
 * Feed entries (the connector's `{id, feed, item}` wrapper). The author is the entry's first author, else the
 * feed itself (a publisher speaking). An undated entry takes the time it was fetched, flagged
 * `approximateTime` (it existed by then; when it was written is unknown).
 */
export const normalizeRss: Normalizer = (payload, envelope) => {
  const parsed = Payload.safeParse(payload);
  if (!parsed.success) return { error: `rss entry: ${formatIssues(parsed.error).replace(/\n/g, '; ')}` };
  const { id, feed, item } = parsed.data;
  const html = item.content ?? item.description ?? '';
  const parsedHtml = parseHtml(html);
  const body = parsedHtml.text;
  const who = item.authors[0];
  const authorName = who?.name ?? feed.title ?? hostOf(feed.url) ?? feed.url;
  const dated = isoFromText(item.published) ?? isoFromText(item.updated);
  const authorKey = who?.url ?? who?.email ?? who?.name ?? feed.url;
  const post: PostInput = {
    postId: rssKey(feed.url, id),
    source: 'rss',
    url: item.url ?? '',
    author: { id: `rss:${authorKey}`, handle: authorName, name: authorName },
    // Feed titles are plain text by the specs but often carry markup or entities in practice.
    text: [item.title ? parseHtml(item.title).text : '', body].filter(Boolean).join('\n\n'),
    createdAt: dated ?? envelope.fetchedAt,
    ...(dated ? {} : { approximateTime: true }),
    fetchedAt: envelope.fetchedAt,
    hashtags: item.categories.map((c) => c.term ?? c.label ?? '').filter(Boolean),
    links: linksOf(parsedHtml),
  };
  return { posts: [post] };
};
