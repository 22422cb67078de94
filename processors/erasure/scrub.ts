import type { AuthorsMessage } from '../../schema/author-score.ts';
import type { DeadLetter } from '../../schema/dead-letter.ts';
import type { EnrichedMessage } from '../../schema/enriched.ts';
import type { Interaction, Mention } from '../../schema/mention.ts';
import type { Post } from '../../schema/post.ts';

/** What the scrubbers need to know: is this author or handle erased. */
export interface ErasedLookup {
  isErasedAuthor(authorId: string | undefined | null): boolean;
  isErasedHandle(handle: string | undefined | null): boolean;
  readonly hasHandles: boolean;
  readonly size: number;
}

/** What an erased person's @-handle becomes in other people's texts (the same in ClickHouse, see forget-author.ts). */
export const ERASED_HANDLE = '@[erased]';

/** `@name` or `@name@instance`: one linear pass, no backtracking. */
const AT_TOKEN = /@([\p{L}\p{N}_][\p{L}\p{N}_.-]*(?:@[\p{L}\p{N}_][\p{L}\p{N}_.-]*)?)/gu;

/** Replaces @-references to erased handles in a text (trailing dots and dashes are not part of a handle). */
export function scrubText(text: string, erased: ErasedLookup): string {
  if (!erased.hasHandles || !text.includes('@')) return text;
  return text.replace(AT_TOKEN, (whole, handle: string) => {
    const core = handle.replace(/[.-]+$/, '');
    if (!erased.isErasedHandle(core)) return whole;
    return ERASED_HANDLE + handle.slice(core.length);
  });
}

/**
 * A post with an erased person removed: `undefined` when they wrote it, or when it is a repost of their post
 * (a repost carries the original's text); otherwise references to them (parent author ids, @-mentions, the
 * owner reply they wrote) are taken out.
 */
export function scrubPost(post: Post, erased: ErasedLookup): Post | undefined {
  if (erased.size === 0) return post;
  if (erased.isErasedAuthor(post.author.id)) return undefined;
  if (post.repostOf && erased.isErasedAuthor(post.repostOf.authorId)) return undefined;
  let out: Post = post;
  const unref = (key: 'replyTo' | 'quoteOf') => {
    const ref = out[key];
    if (ref?.authorId !== undefined && erased.isErasedAuthor(ref.authorId))
      out = { ...out, [key]: { postId: ref.postId } };
  };
  unref('replyTo');
  unref('quoteOf');
  const reply = out.review?.ownerReply;
  if (out.review && reply && erased.isErasedAuthor(reply.authorId)) {
    const { ownerReply: _dropped, ...review } = out.review;
    out = { ...out, review };
  }
  if (erased.hasHandles) {
    const mentions = out.mentions.filter((h) => !erased.isErasedHandle(h));
    if (mentions.length !== out.mentions.length) out = { ...out, mentions };
    const text = scrubText(out.text, erased);
    if (text !== out.text) out = { ...out, text };
    const ownerReply = out.review?.ownerReply;
    if (out.review && ownerReply) {
      const replyText = scrubText(ownerReply.text, erased);
      if (replyText !== ownerReply.text)
        out = { ...out, review: { ...out.review, ownerReply: { ...ownerReply, text: replyText } } };
    }
  }
  return out;
}

export function scrubMention(m: Mention, erased: ErasedLookup): Mention | undefined {
  if (erased.size === 0) return m;
  if (erased.isErasedAuthor(m.authorId)) return undefined;
  const text = scrubText(m.text, erased);
  return text === m.text ? m : { ...m, text };
}

export function scrubInteraction(i: Interaction, erased: ErasedLookup): Interaction | undefined {
  if (erased.size === 0) return i;
  return erased.isErasedAuthor(i.from) || erased.isErasedAuthor(i.to) ? undefined : i;
}

export function scrubEnriched(e: EnrichedMessage, erased: ErasedLookup): EnrichedMessage | undefined {
  if (e.kind !== 'post' || erased.size === 0) return e;
  const post = scrubPost(e.post, erased);
  if (!post) return undefined;
  return post === e.post ? e : { ...e, post };
}

export function scrubAuthorsMessage(m: AuthorsMessage, erased: ErasedLookup): AuthorsMessage | undefined {
  if (m.kind !== 'author' || erased.size === 0) return m;
  return erased.isErasedAuthor(m.authorId) ? undefined : m;
}

/**
 * Whether a dead letter's payload names an erased person: every string in the JSON payload (at most
 * `maxStrings`) is compared as an author id, as `<source>:<native id>` and as a handle.
 */
export function deadLetterNamesErased(
  letter: DeadLetter,
  erased: ErasedLookup,
  maxStrings = 20_000,
): boolean {
  if (erased.size === 0) return false;
  if (erased.isErasedAuthor(letter.key)) return true; // keyed by author (interactions, authors)
  const source = /^([a-z0-9_-]+):/.exec(letter.key ?? '')?.[1];
  if (letter.payloadEncoding !== 'utf8') return false;
  let value: unknown;
  try {
    value = JSON.parse(letter.payload);
  } catch {
    return false;
  }
  const envelopeSource =
    value && typeof value === 'object' && typeof (value as { source?: unknown }).source === 'string'
      ? (value as { source: string }).source
      : undefined;
  const prefixes = [...new Set([source, envelopeSource].filter((s): s is string => !!s))];
  let budget = maxStrings;
  const stack: unknown[] = [value];
  while (stack.length > 0 && budget > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      budget--;
      if (v.length > 512) {
        if (erased.hasHandles && scrubText(v, erased) !== v) return true;
        continue;
      }
      if (erased.isErasedAuthor(v) || erased.isErasedHandle(v)) return true;
      if (prefixes.some((p) => erased.isErasedAuthor(`${p}:${v}`))) return true;
      if (erased.hasHandles && v.includes('@') && scrubText(v, erased) !== v) return true;
    } else if (typeof v === 'number') {
      if (prefixes.some((p) => erased.isErasedAuthor(`${p}:${v}`))) return true;
    } else if (Array.isArray(v)) stack.push(...v.slice(0, budget));
    else if (v && typeof v === 'object') stack.push(...Object.values(v as Record<string, unknown>));
  }
  return false;
}
