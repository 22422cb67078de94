import { z } from 'zod';
import { formatIssues } from '../../core/issues.ts';
import { lemmyTime } from './time.ts';
import type { PostInput } from '../../schema/post.ts';
import type { NormalizeResult, Normalizer } from '../shared/normalizer.ts';
import { counted } from '../shared/counts.ts';
import { hostOf, isoFromMs, parseUrl } from '../shared/time.ts';
import { lemmyKey } from './keys.ts';

const Time = z.string().refine((v) => !Number.isNaN(lemmyTime(v)), 'not a readable date-time');
const Count = z.number().int().nonnegative();

const Person = z.object({
  id: z.number().int(),
  name: z.string().min(1),
  display_name: z.string().nullish(),
  actor_id: z.url(),
  published: Time.optional(),
  bot_account: z.boolean().optional(),
});

const PostView = z.object({
  post: z.object({
    id: z.number().int(),
    name: z.string(),
    body: z.string().nullish(),
    url: z.string().nullish(),
    published: Time,
    ap_id: z.string(),
    removed: z.boolean().nullish(),
    deleted: z.boolean().nullish(),
  }),
  creator: Person,
  counts: z.object({ comments: Count.nullish(), upvotes: Count.nullish() }).nullish(),
});

const CommentView = z.object({
  comment: z.object({
    id: z.number().int(),
    post_id: z.number().int(),
    content: z.string(),
    published: Time,
    ap_id: z.string(),
    path: z.string().regex(/^0(\.\d+)+$/, 'a comment path like 0.12.34'),
    removed: z.boolean().nullish(),
    deleted: z.boolean().nullish(),
  }),
  creator: Person,
  counts: z.object({ upvotes: Count.nullish(), child_count: Count.nullish() }).nullish(),
});

/**
 * A post or comment the instance serves as removed (by a moderator) or deleted (by its author) is not live
 * content: nothing is produced, and since an earlier fetch may have stored it, it is erased (see
 * `PostErasure` in platforms/shared/normalizer.ts).
 */
function takenDown(
  kind: 'post' | 'comment',
  postId: string,
  item: { removed?: boolean | null; deleted?: boolean | null },
): NormalizeResult | undefined {
  const why = item.removed ? 'removed by a moderator' : item.deleted ? 'deleted by its author' : undefined;
  if (!why) return undefined;
  return {
    posts: [],
    skipped: `lemmy ${kind} ${why}`,
    erasures: [{ postId, reason: `lemmy ${kind} ${why}` }],
  };
}

const MARKDOWN_LINK = /\]\((https?:\/\/[^\s)]+)\)|(?<!\()\bhttps?:\/\/[^\s<>)\]]+/g;
/** Fediverse mentions in Markdown: `@name@instance`. */
const MENTION = /(?<![\w@])@([\w.-]+@[\w.-]+\.[a-z]{2,})/gi;

function linksOf(markdown: string, extra?: string | null): string[] {
  const links = [...markdown.matchAll(MARKDOWN_LINK)].map((m) => m[1] ?? m[0]);
  return [...new Set([...(extra ? [extra] : []), ...links])];
}

const iso = (t: string) => isoFromMs(lemmyTime(t)) ?? t;

function author(p: z.infer<typeof Person>) {
  const actorHost = hostOf(p.actor_id) ?? '';
  return {
    // The actor URL is global: the same person seen through any instance is one author.
    id: `lemmy:${p.actor_id}`,
    handle: `${p.name}@${actorHost}`,
    name: p.display_name ?? '',
    createdAt: p.published ? iso(p.published) : undefined,
    bot: p.bot_account,
  };
}

/**
 * Lemmy posts and comments (API v3 views). Ids are local to the instance that served them
 * (`lemmy:<host>:post/<id>`, `lemmy:<host>:comment/<id>`), which is how a comment's `path` names its parent:
 * "0.12.34" is comment 34 answering comment 12; "0.12" answers the post itself, the thread's root.
 */
export const normalizeLemmy: Normalizer = (payload, envelope) => {
  if (!envelope.origin) return { error: 'lemmy item without the instance it came from (envelope origin)' };
  const host = parseUrl(envelope.origin)?.host;
  if (!host) return { error: `lemmy item: origin is not a URL: ${envelope.origin}` };
  const key = (kind: 'post' | 'comment', id: number | string) => lemmyKey(host, kind, id);
  const isComment = payload !== null && typeof payload === 'object' && 'comment' in payload;
  if (isComment) {
    const parsed = CommentView.safeParse(payload);
    if (!parsed.success)
      return { error: `lemmy comment: ${formatIssues(parsed.error).replace(/\n/g, '; ')}` };
    const { comment: c, creator, counts } = parsed.data;
    const gone = takenDown('comment', key('comment', c.id), c);
    if (gone) return gone;
    const chain = c.path.split('.').slice(1);
    const parent = chain.length >= 2 ? key('comment', chain[chain.length - 2]!) : key('post', c.post_id);
    const post: PostInput = {
      postId: key('comment', c.id),
      source: 'lemmy',
      url: c.ap_id,
      author: author(creator),
      text: c.content,
      createdAt: iso(c.published),
      fetchedAt: envelope.fetchedAt,
      replyTo: { postId: parent },
      rootId: key('post', c.post_id),
      mentions: [...c.content.matchAll(MENTION)].map((m) => m[1]!),
      links: linksOf(c.content),
      metrics: counted({ likes: counts?.upvotes, replies: counts?.child_count }),
    };
    return { posts: [post] };
  }
  const parsed = PostView.safeParse(payload);
  if (!parsed.success) return { error: `lemmy post: ${formatIssues(parsed.error).replace(/\n/g, '; ')}` };
  const { post: p, creator, counts } = parsed.data;
  const gone = takenDown('post', key('post', p.id), p);
  if (gone) return gone;
  const body = p.body ?? '';
  const post: PostInput = {
    postId: key('post', p.id),
    source: 'lemmy',
    url: p.ap_id,
    author: author(creator),
    text: body ? `${p.name}\n\n${body}` : p.name,
    createdAt: iso(p.published),
    fetchedAt: envelope.fetchedAt,
    mentions: [...body.matchAll(MENTION)].map((m) => m[1]!),
    links: linksOf(body, p.url),
    metrics: counted({ likes: counts?.upvotes, replies: counts?.comments }),
  };
  return { posts: [post] };
};
