import { TEXT_MAX, type PostInput } from '../../schema/post.ts';

/**
 * Past this many characters in any one field a payload is not a post but an accident or an attack: it is
 * dead-lettered rather than truncated.
 */
export const HARD_FIELD_MAX = 1_000_000;
/**
 * Past this many entries in any one list (mentions, tags, facets, categories) likewise: no single post has
 * that many, and parsing such a list alone would hold a consumer for long (5,000 bad entries already cost
 * more than the 50 ms a message may take, test/fuzz/).
 */
export const HARD_LIST_MAX = 2_000;

/** Free-text fields cut to their column's limit (the Post schema's maxima), the post flagged `truncated`. */
const CUT = { text: TEXT_MAX, name: 1024, handle: 512, title: 4096, product: 1024 } as const;
const LINK_MAX = 4096;
const TAG_MAX = 512;
const LIST_MAX = 1000;

export type Bounded = { post: PostInput } | { error: string };

/** Cuts at most `max` UTF-16 units without splitting a surrogate pair. */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Repairs and bounds every string of a normalised post before it is validated:
 * - invalid UTF-16 (a lone surrogate, which ClickHouse refuses and which would stall a sink) becomes U+FFFD;
 * - any field over `HARD_FIELD_MAX` characters rejects the post (dead letter with the field and its length);
 * - free text over its limit (text, names, review title, owner reply) is cut and the post marked `truncated`;
 * - a URL, link, mention or hashtag over its limit is left out (a cut URL would point elsewhere), lists are cut
 *   to 1,000 entries, both also marked `truncated`.
 * Identifiers are not touched: an over-long id fails the schema and is dead-lettered with its reason.
 */
export function boundPost(input: PostInput): Bounded {
  const tooLong = findOverlong(input, '');
  if (tooLong) return { error: tooLong };
  const post = wellFormed(input) as PostInput;
  let truncated = false;
  const text = (s: string, max: number) => {
    if (s.length <= max) return s;
    truncated = true;
    return cut(s, max);
  };
  const list = (items: string[] | undefined, max: number) => {
    if (!items) return items;
    const kept = items.filter((v) => typeof v !== 'string' || v.length <= max);
    if (kept.length > LIST_MAX || kept.length < items.length) truncated = true;
    return kept.slice(0, LIST_MAX);
  };
  if (typeof post.text === 'string') post.text = text(post.text, CUT.text);
  if (post.author && typeof post.author === 'object') {
    const author = { ...post.author };
    if (typeof author.name === 'string') author.name = text(author.name, CUT.name);
    if (typeof author.handle === 'string') author.handle = text(author.handle, CUT.handle);
    post.author = author;
  }
  if (post.review && typeof post.review === 'object') {
    const review = { ...post.review };
    if (typeof review.title === 'string') review.title = text(review.title, CUT.title);
    if (typeof review.product === 'string') review.product = text(review.product, CUT.product);
    if (review.ownerReply && typeof review.ownerReply.text === 'string')
      review.ownerReply = { ...review.ownerReply, text: text(review.ownerReply.text, CUT.text) };
    post.review = review;
  }
  if (typeof post.url === 'string' && post.url.length > LINK_MAX) {
    post.url = '';
    truncated = true;
  }
  if (Array.isArray(post.links)) post.links = list(post.links, LINK_MAX);
  if (Array.isArray(post.mentions)) post.mentions = list(post.mentions, TAG_MAX);
  if (Array.isArray(post.hashtags)) post.hashtags = list(post.hashtags, TAG_MAX);
  if (truncated) post.truncated = true;
  return { post };
}

/** The first string (or list) over the hard limit, as a reason; iterative so deep nesting cannot overflow. */
export function findOverlong(value: unknown, path: string): string | undefined {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length > 0) {
    const [v, p] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.length > HARD_FIELD_MAX)
        return `${p || 'value'} is ${v.length} characters, over the hard limit of ${HARD_FIELD_MAX}`;
    } else if (Array.isArray(v)) {
      if (v.length > HARD_LIST_MAX)
        return `${p || 'value'} has ${v.length} entries, over the hard limit of ${HARD_LIST_MAX}`;
      v.forEach((item, i) => stack.push([item, `${p}[${i}]`]));
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) stack.push([item, p ? `${p}.${k}` : k]);
    }
  }
  return undefined;
}

/**
 * A copy with every string made well-formed UTF-16. A Post is a few levels deep; anything deeper is not a
 * Post field (the schema strips or refuses it), so it is left as it is.
 */
function wellFormed(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return toWellFormed(value);
  if (depth > 6) return value;
  if (Array.isArray(value)) return value.map((v) => wellFormed(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = wellFormed(v, depth + 1);
    return out;
  }
  return value;
}

/** Node 20 has `String.prototype.toWellFormed`; the project's TypeScript library level (ES2023) does not list it. */
type Es2024String = string & { isWellFormed(): boolean; toWellFormed(): string };

/** Lone surrogates replaced by U+FFFD, as `String.prototype.toWellFormed` does. */
export function toWellFormed(s: string): string {
  const str = s as Es2024String;
  return str.isWellFormed() ? s : str.toWellFormed();
}
