import { z } from 'zod';
import { formatIssues } from '../../core/issues.ts';
import type { PostInput } from '../../schema/post.ts';
import { counted } from '../shared/counts.ts';
import type { Normalizer } from '../shared/normalizer.ts';
import { linksOf, parseHtml } from '../shared/html.ts';
import { hostOf, isoFromText } from '../shared/time.ts';
import { mastodonKey } from './keys.ts';

const Time = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a date-time');
/** Integers in every version; one missing or malformed (a non-conforming server) is unknown, not zero. */
const Count = z.number().int().nonnegative().optional().catch(undefined);

const Account = z.object({
  id: z.string().min(1),
  username: z.string().default(''),
  acct: z.string().min(1),
  display_name: z.string().default(''),
  url: z.string().nullish(),
  bot: z.boolean().optional(),
  created_at: Time.nullish(),
  followers_count: z.number().int().nonnegative().optional(),
  following_count: z.number().int().nonnegative().optional(),
});

const StatusBody = z.object({
  id: z.string().min(1),
  created_at: Time,
  url: z.string().nullish(),
  uri: z.string().nullish(),
  in_reply_to_id: z.string().nullish(),
  in_reply_to_account_id: z.string().nullish(),
  language: z.string().nullish(),
  content: z.string().default(''),
  spoiler_text: z.string().default(''),
  account: Account,
  mentions: z.array(z.object({ id: z.string(), acct: z.string() })).default([]),
  tags: z.array(z.object({ name: z.string() })).default([]),
  replies_count: Count,
  reblogs_count: Count,
  favourites_count: Count,
  /** Mastodon 4.4+: `{ state, quoted_status }` once the quote is accepted. */
  quote: z.object({ quoted_status: z.object({ id: z.string() }).nullish() }).nullish(),
});

const Status = StatusBody.extend({ reblog: StatusBody.nullish() });
type StatusBody = z.infer<typeof StatusBody>;
type Account = z.infer<typeof Account>;

const iso = (t: string) => isoFromText(t) ?? t;

/**
 * Mastodon Status entities. Ids are local to the instance that served them (`envelope.origin`), so post ids are
 * `mastodon:<host>:<id>`. An author is one identity everywhere: `mastodon:user@domain`, its full address (the
 * same from every instance, and what brands list in their `accounts`), never its instance-local account id.
 * A boost becomes a repost of the original, which is emitted as a post too.
 */
export const normalizeMastodon: Normalizer = (payload, envelope) => {
  if (!envelope.origin)
    return { error: 'mastodon envelope has no origin (the instance the status came from)' };
  const host = hostOf(envelope.origin);
  if (!host) return { error: `mastodon envelope origin is not a URL: ${envelope.origin}` };
  const parsed = Status.safeParse(payload);
  if (!parsed.success)
    return { error: `mastodon status: ${formatIssues(parsed.error).replace(/\n/g, '; ')}` };
  const status = parsed.data;
  const fullAcct = (acct: string) => (acct.includes('@') ? acct : `${acct}@${host}`);
  const authorId = (acct: string) => `mastodon:${fullAcct(acct)}`;
  const postId = (id: string) => mastodonKey(host, id);
  const author = (a: Account) => ({
    id: authorId(a.acct),
    handle: fullAcct(a.acct),
    name: a.display_name || a.username,
    followers: a.followers_count,
    following: a.following_count,
    createdAt: a.created_at ? iso(a.created_at) : undefined,
    bot: a.bot,
  });
  const toPost = (s: StatusBody): PostInput => {
    const html = parseHtml(s.content);
    const body = html.text;
    const text = s.spoiler_text ? `${s.spoiler_text}\n\n${body}` : body;
    // The replied-to account's address is known when it is the author's own thread or named in the mentions
    // (same instance-local ids). Else `in_reply_to_account_id` is only a local id, not an author id: the
    // parent's author is left out, and the threads stage takes it from the parent post once that is seen
    // (processors/enrich/threads/brand-threads.ts), so the edge still reaches `mastodon:user@domain`.
    const repliedAcct =
      s.in_reply_to_account_id === s.account.id
        ? s.account.acct
        : s.mentions.find((m) => m.id === s.in_reply_to_account_id)?.acct;
    const repliedAuthor = repliedAcct ? authorId(repliedAcct) : undefined;
    const quoted = s.quote?.quoted_status?.id;
    return {
      postId: postId(s.id),
      source: 'mastodon',
      url: s.url ?? s.uri ?? '',
      author: author(s.account),
      text,
      lang: s.language ?? undefined,
      createdAt: iso(s.created_at),
      fetchedAt: envelope.fetchedAt,
      replyTo: s.in_reply_to_id
        ? { postId: postId(s.in_reply_to_id), ...(repliedAuthor ? { authorId: repliedAuthor } : {}) }
        : undefined,
      quoteOf: quoted ? { postId: postId(quoted) } : undefined,
      mentions: s.mentions.map((m) => fullAcct(m.acct)),
      hashtags: s.tags.map((t) => t.name),
      // Mention and hashtag links (`<a class="u-url mention">`, `<a class="mention hashtag">`) are people and
      // tags, listed above, not links.
      links: linksOf(html, (a) => !a.classes.includes('mention') && !a.classes.includes('hashtag')).filter(
        (l) => !s.tags.some((t) => l.toLowerCase().includes(`/tags/${t.name.toLowerCase()}`)),
      ),
      metrics: counted({ likes: s.favourites_count, reposts: s.reblogs_count, replies: s.replies_count }),
    };
  };
  if (status.reblog) {
    const original = toPost(status.reblog);
    const boost: PostInput = {
      ...toPost({ ...status, content: status.reblog.content }),
      text: original.text,
      repostOf: { postId: original.postId, authorId: original.author.id },
      mentions: original.mentions,
      hashtags: original.hashtags,
      links: original.links,
    };
    return { posts: [boost, original] };
  }
  return { posts: [toPost(status)] };
};
