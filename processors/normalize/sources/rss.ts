import { createHash } from 'node:crypto';
import { z } from 'zod';
import { formatIssues } from '../../../core/config.ts';
import type { PostInput } from '../../../schema/post.ts';
import type { Normalizer } from '../normalizer.ts';
import { htmlToText, linksIn } from './html.ts';

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
 * feed itself (a publisher speaking); an undated entry takes the time it was fetched.
 */
export const normalizeRss: Normalizer = (payload, envelope) => {
  const parsed = Payload.safeParse(payload);
  if (!parsed.success) return { error: `rss entry: ${formatIssues(parsed.error).replace(/\n/g, '; ')}` };
  const { id, feed, item } = parsed.data;
  const key = createHash('sha256').update(`${feed.url}\n${id}`).digest('hex').slice(0, 32);
  const html = item.content ?? item.description ?? '';
  const body = htmlToText(html);
  const who = item.authors[0];
  const authorName = who?.name ?? feed.title ?? new URL(feed.url).host;
  const authorKey = who?.url ?? who?.email ?? who?.name ?? feed.url;
  const post: PostInput = {
    postId: `rss:${key}`,
    source: 'rss',
    url: item.url ?? '',
    author: { id: `rss:${authorKey}`, handle: authorName, name: authorName },
    text: [item.title ?? '', body].filter(Boolean).join('\n\n'),
    createdAt: new Date(
      Date.parse(item.published ?? item.updated ?? '') || Date.parse(envelope.fetchedAt),
    ).toISOString(),
    fetchedAt: envelope.fetchedAt,
    hashtags: item.categories.map((c) => c.term ?? c.label ?? '').filter(Boolean),
    links: linksIn(html, body),
  };
  return { posts: [post] };
};
