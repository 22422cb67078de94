import { z } from 'zod';
import { formatIssues } from '../../core/issues.ts';
import type { PostInput } from '../../schema/post.ts';
import type { Normalizer } from '../shared/normalizer.ts';
import { counted } from '../shared/counts.ts';
import { linksOf, parseHtml, type ParsedHtml } from '../shared/html.ts';
import { isoFromText, parseUrl } from '../shared/time.ts';
import { lobstersKey } from './keys.ts';

const Time = z.string().refine((v) => isoFromText(v) !== undefined, 'not a readable date-time');

/** A username (since March 2024) or the user object older code serves (`User#as_json`). */
const User = z.union([
  z.string().min(1),
  z.object({ username: z.string().min(1), created_at: z.string().nullish() }),
]);

const Story = z.object({
  short_id: z.string().min(1),
  created_at: Time,
  title: z.string(),
  url: z.string().nullish(),
  description: z.string().nullish(),
  submitter_user: User,
  score: z.number().int().nullish(),
  comment_count: z.number().int().nullish(),
  tags: z.array(z.string()).default([]),
  comments_url: z.string().nullish(),
  short_id_url: z.string().nullish(),
});

const Comment = z.object({
  short_id: z.string().min(1),
  created_at: Time,
  comment: z.string(),
  commenting_user: User,
  parent_comment: z.string().min(1).nullish(),
  score: z.number().int().nullish(),
  is_deleted: z.boolean().nullish(),
  is_moderated: z.boolean().nullish(),
  short_id_url: z.string().nullish(),
});

const CommentPayload = z.object({ story_short_id: z.string().min(1), comment: Comment });

/** `@name` and `~name` in a text are rendered as links to the user's page, `/~name`. */
const USER_PAGE = /^(?:https?:\/\/[^/]+)?\/~([\w-]+)\/?$/;

function author(host: string, user: z.infer<typeof User>) {
  const username = typeof user === 'string' ? user : user.username;
  const createdAt = typeof user === 'string' ? undefined : isoFromText(user.created_at);
  return {
    id: lobstersKey(host, 'u', username),
    handle: username,
    name: '',
    ...(createdAt ? { createdAt } : {}),
  };
}

/** Text, links (user pages are mentions, not links) and mentions of a rendered description or comment. */
function read(html: string, extra: string | null | undefined) {
  const parsed: ParsedHtml = parseHtml(html);
  const isUserPage = (href: string) => USER_PAGE.test(href);
  const mentions = parsed.anchors.flatMap((a) => USER_PAGE.exec(a.href)?.[1] ?? []);
  const links = linksOf(parsed, (a) => !isUserPage(a.href));
  return {
    text: parsed.text,
    mentions: [...new Set(mentions)],
    links: [...new Set([...(extra ? [extra] : []), ...links])],
  };
}

const issues = (error: z.ZodError) => formatIssues(error).replace(/\n/g, '; ');

/**
 * Lobsters stories and comments. Short ids are per site (`lobsters:<host>:s/<id>`, `…:c/<id>`, authors
 * `…:u/<username>`; the envelope's origin names the site). A comment answers its `parent_comment`, or the
 * story when it has none; the story is its thread's root. A comment removed by its author or a moderator is
 * served with a notice instead of its text: nothing is produced and what an earlier fetch stored is erased.
 */
export const normalizeLobsters: Normalizer = (payload, envelope) => {
  const host = parseUrl(envelope.origin)?.host;
  if (!host)
    return { error: `lobsters item without the site it came from (envelope origin ${envelope.origin})` };
  const key = (kind: 's' | 'c', id: string) => lobstersKey(host, kind, id);
  const origin = envelope.origin!.replace(/\/+$/, '');

  if (payload !== null && typeof payload === 'object' && 'story_short_id' in payload) {
    const parsed = CommentPayload.safeParse(payload);
    if (!parsed.success) return { error: `lobsters comment: ${issues(parsed.error)}` };
    const { story_short_id: story, comment: c } = parsed.data;
    const postId = key('c', c.short_id);
    if (c.is_deleted || c.is_moderated) {
      const reason = `lobsters comment ${c.is_moderated ? 'removed by a moderator' : 'removed by its author'}`;
      return { posts: [], skipped: reason, erasures: [{ postId, reason }] };
    }
    const body = read(c.comment, undefined);
    const post: PostInput = {
      postId,
      source: 'lobsters',
      url: c.short_id_url ?? `${origin}/c/${c.short_id}`,
      author: author(host, c.commenting_user),
      text: body.text,
      createdAt: isoFromText(c.created_at)!,
      fetchedAt: envelope.fetchedAt,
      replyTo: { postId: c.parent_comment ? key('c', c.parent_comment) : key('s', story) },
      rootId: key('s', story),
      mentions: body.mentions,
      links: body.links,
      // A comment's score is its votes less its flags; Lobsters counts no replies per comment and has no reposts.
      metrics: counted({ likes: c.score == null ? null : Math.max(0, c.score) }),
    };
    return { posts: [post] };
  }

  const parsed = Story.safeParse(payload);
  if (!parsed.success) return { error: `lobsters story: ${issues(parsed.error)}` };
  const s = parsed.data;
  const body = read(s.description ?? '', s.url || undefined);
  const post: PostInput = {
    postId: key('s', s.short_id),
    source: 'lobsters',
    url: s.comments_url ?? s.short_id_url ?? `${origin}/s/${s.short_id}`,
    author: author(host, s.submitter_user),
    text: body.text ? `${s.title}\n\n${body.text}` : s.title,
    createdAt: isoFromText(s.created_at)!,
    fetchedAt: envelope.fetchedAt,
    hashtags: s.tags,
    mentions: body.mentions,
    links: body.links,
    metrics: counted({
      likes: s.score == null ? null : Math.max(0, s.score),
      replies: s.comment_count == null ? null : Math.max(0, s.comment_count),
    }),
  };
  return { posts: [post] };
};
