import { decode } from 'html-entities';
import { z } from 'zod';
import { formatIssues } from '../../../core/config.ts';
import type { PostInput } from '../../../schema/post.ts';
import type { Normalizer } from '../normalizer.ts';
import { htmlToText, linksIn } from './html.ts';

const Owner = z
  .object({
    user_id: z.number().int().optional(),
    display_name: z.string().default(''),
    reputation: z.number().int().optional(),
    user_type: z.string().optional(),
    link: z.string().optional(),
  })
  .default({ display_name: '' });

const Item = z.object({
  question_id: z.number().int().positive(),
  answer_id: z.number().int().positive().optional(),
  creation_date: z.number().int().positive(),
  title: z.string().optional(),
  body: z.string().default(''),
  link: z.string().optional(),
  tags: z.array(z.string()).default([]),
  owner: Owner,
  score: z.number().int().default(0),
  answer_count: z.number().int().nonnegative().optional(),
  view_count: z.number().int().nonnegative().optional(),
});

/**
 * Stack Exchange questions and answers (filter `withbody`). The site comes from the envelope origin
 * (`…?site=coffee`): ids are per site. An answer replies to its question, which is also the thread root.
 */
export const normalizeStackExchange: Normalizer = (payload, envelope) => {
  const site = envelope.origin ? new URL(envelope.origin).searchParams.get('site') : null;
  if (!site) return { error: 'stackexchange envelope has no origin with ?site=' };
  const parsed = Item.safeParse(payload);
  if (!parsed.success)
    return { error: `stackexchange item: ${formatIssues(parsed.error).replace(/\n/g, '; ')}` };
  const i = parsed.data;
  const question = `stackexchange:${site}:q${i.question_id}`;
  const text = htmlToText(i.body);
  const owner = i.owner;
  const post: PostInput = {
    postId: i.answer_id ? `stackexchange:${site}:a${i.answer_id}` : question,
    source: 'stackexchange',
    url: i.link ?? '',
    author: {
      // Deleted users have no user_id; they stay apart by name.
      id: `stackexchange:${site}:${owner.user_id ?? `anon:${owner.display_name}`}`,
      handle: decode(owner.display_name),
      name: decode(owner.display_name),
    },
    text: i.title ? `${decode(i.title)}\n\n${text}` : text,
    createdAt: new Date(i.creation_date * 1000).toISOString(),
    fetchedAt: envelope.fetchedAt,
    hashtags: i.tags,
    links: linksIn(i.body, text),
    metrics: { likes: Math.max(0, i.score), reposts: 0, replies: i.answer_count ?? 0, views: i.view_count },
  };
  if (i.answer_id) {
    post.replyTo = { postId: question };
    post.rootId = question;
  }
  return { posts: [post] };
};
