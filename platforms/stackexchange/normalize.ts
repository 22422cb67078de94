import { decode } from 'html-entities';
import { z } from 'zod';
import { formatIssues } from '../../core/issues.ts';
import type { PostInput } from '../../schema/post.ts';
import type { Normalizer } from '../shared/normalizer.ts';
import { linksOf, parseHtml } from '../shared/html.ts';
import { isoFromSeconds, parseUrl } from '../shared/time.ts';
import { stackExchangeKey } from './keys.ts';

const Owner = z
  .object({
    user_id: z.number().int().nullish(),
    display_name: z.string().default(''),
    reputation: z.number().int().nullish(),
    user_type: z.string().optional(),
    link: z.string().optional(),
  })
  .default({ display_name: '' });

const Item = z.object({
  question_id: z.number().int().positive(),
  answer_id: z.number().int().positive().optional(),
  creation_date: z.number().int().positive(),
  title: z.string().optional(),
  /** Only with a filter that includes it (`withbody`): without it the item has no text at all. */
  body: z.string({ error: 'body is missing: the API filter must include it (e.g. filter=withbody)' }),
  link: z.string().optional(),
  tags: z.array(z.string()).default([]),
  owner: Owner,
  score: z.number().int().nullish(),
  answer_count: z.number().int().nonnegative().nullish(),
  view_count: z.number().int().nonnegative().nullish(),
});

/**
 * Stack Exchange questions and answers (filter `withbody`). The site comes from the envelope origin
 * (`…?site=coffee`): ids are per site. An answer replies to its question, which is also the thread root.
 */
export const normalizeStackExchange: Normalizer = (payload, envelope) => {
  const site = parseUrl(envelope.origin)?.searchParams.get('site');
  if (!site) return { error: 'stackexchange envelope has no origin with ?site=' };
  const parsed = Item.safeParse(payload);
  if (!parsed.success)
    return { error: `stackexchange item: ${formatIssues(parsed.error).replace(/\n/g, '; ')}` };
  const i = parsed.data;
  const createdAt = isoFromSeconds(i.creation_date);
  if (!createdAt) return { error: `stackexchange item: creation_date ${i.creation_date} is not a time` };
  const question = stackExchangeKey(site, 'q', i.question_id);
  const html = parseHtml(i.body);
  const text = html.text;
  // Titles are HTML-escaped text and sometimes carry a tag.
  const title = i.title ? parseHtml(i.title).text : '';
  const owner = i.owner;
  const post: PostInput = {
    postId: i.answer_id ? stackExchangeKey(site, 'a', i.answer_id) : question,
    source: 'stackexchange',
    url: i.link ?? '',
    author: {
      // Deleted users have no user_id; they stay apart by name.
      id: `stackexchange:${site}:${owner.user_id ?? `anon:${owner.display_name}`}`,
      handle: decode(owner.display_name),
      name: decode(owner.display_name),
    },
    text: [title, text].filter(Boolean).join('\n\n'),
    createdAt,
    fetchedAt: envelope.fetchedAt,
    hashtags: i.tags,
    links: linksOf(html),
    // Fields the API leaves out are unknown, not zero (answers carry no `answer_count`). A negative score is
    // a reported count of no likes. Stack Exchange has no reposts.
    metrics: {
      ...(i.score != null ? { likes: Math.max(0, i.score) } : {}),
      ...(i.answer_count != null ? { replies: i.answer_count } : {}),
      ...(i.view_count != null ? { views: i.view_count } : {}),
    },
  };
  if (i.answer_id) {
    post.replyTo = { postId: question };
    post.rootId = question;
  }
  return { posts: [post] };
};
