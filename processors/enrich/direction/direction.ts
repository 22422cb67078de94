/**
 * Direction of a message about a brand (docs/architecture.md §6), rules first:
 * 1. written by one of the brand's own accounts, or an owner reply to a review → brand_to_customer (vertical)
 * 2. a reply to / quote of a brand post, the brand addressed as first @-target, or a review of the brand's
 *    product → customer_to_brand (vertical)
 * 3. anything else about the brand: replies to / quotes of other customers, standalone talk → customer_to_customer
 *    (lateral, word of mouth)
 */
export type Direction = 'brand_to_customer' | 'customer_to_brand' | 'customer_to_customer';

export const DIRECTIONS: readonly Direction[] = [
  'brand_to_customer',
  'customer_to_brand',
  'customer_to_customer',
];

/** A brand's own accounts, as author ids (`<source>:<native id>`) and lowercase handles per source. */
export interface BrandAccounts {
  ids: ReadonlySet<string>;
  handles: ReadonlySet<string>;
}

export function brandAccounts(
  source: string,
  handlesBySource: Record<string, string[]>,
  ids: Iterable<string> = [],
): BrandAccounts {
  const handles = new Set<string>();
  for (const [s, list] of Object.entries(handlesBySource)) {
    if (s !== source && s !== '*') continue;
    for (const h of list) handles.add(normalizeHandle(h));
  }
  return { ids: new Set(ids), handles };
}

/** `@Acme@social.example` → `acme@social.example`; a bare handle stays bare. */
export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}

export interface DirectionInput {
  author: { id?: string | undefined; handle: string; isBrand?: boolean | undefined };
  /** Author of the post replied to / quoted, when known (id or handle), and whether it is a brand account. */
  replyTo?: { authorId?: string; authorHandle?: string; authorIsBrand?: boolean };
  quoteOf?: { authorId?: string; authorHandle?: string; authorIsBrand?: boolean };
  /** Handles in order of appearance; the first is the addressee when the text starts with it. */
  mentions: string[];
  text: string;
  review?: { ownerReply?: unknown } | undefined;
  /** Direction of the parent when the post replies to its own author (a thread continued): it inherits. */
  selfReplyParentDirection?: Direction;
  /** Set by normalisers for an owner's public reply to a review. */
  isOwnerReply?: boolean;
}

export interface DirectionResult {
  direction: Direction;
  /** Which rule decided, for explanations and evaluation. */
  rule:
    | 'brand_author'
    | 'owner_reply'
    | 'reply_to_brand'
    | 'quote_of_brand'
    | 'addressed'
    | 'review'
    | 'continued'
    | 'lateral';
}

function isBrandRef(
  ref: { authorId?: string; authorHandle?: string; authorIsBrand?: boolean } | undefined,
  accounts: BrandAccounts,
): boolean {
  if (!ref) return false;
  if (ref.authorIsBrand) return true;
  if (ref.authorId && accounts.ids.has(ref.authorId)) return true;
  return ref.authorHandle !== undefined && accounts.handles.has(normalizeHandle(ref.authorHandle));
}

/** The first @-target when the text opens with it (after other leading @-handles, as in replies "@a @b ..."). */
export function firstAddressee(text: string): string | undefined {
  const match = /^\s*(?:RT\s+)?@([\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}.-]+)?)/u.exec(text);
  return match?.[1] ? normalizeHandle(match[1].replace(/[.]+$/, '')) : undefined;
}

/** The first @-handle anywhere in the text is one of the brand's accounts. */
function brandAddressedFirst(text: string, accounts: BrandAccounts): boolean {
  const first = /@([\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}.-]+)?)/u.exec(text);
  return first?.[1] !== undefined && accounts.handles.has(normalizeHandle(first[1].replace(/[.]+$/, '')));
}

export function classifyDirection(post: DirectionInput, accounts: BrandAccounts): DirectionResult {
  if (post.isOwnerReply) return { direction: 'brand_to_customer', rule: 'owner_reply' };
  if (
    (post.author.id !== undefined && accounts.ids.has(post.author.id)) ||
    (post.author.handle && accounts.handles.has(normalizeHandle(post.author.handle)))
  ) {
    return { direction: 'brand_to_customer', rule: 'brand_author' };
  }
  if (isBrandRef(post.replyTo, accounts)) return { direction: 'customer_to_brand', rule: 'reply_to_brand' };
  if (isBrandRef(post.quoteOf, accounts)) return { direction: 'customer_to_brand', rule: 'quote_of_brand' };
  const addressee = firstAddressee(post.text);
  if (addressee && accounts.handles.has(addressee))
    return { direction: 'customer_to_brand', rule: 'addressed' };
  if (post.selfReplyParentDirection) return { direction: post.selfReplyParentDirection, rule: 'continued' };
  // A standalone post @-naming the brand before anyone else ("thanks @acme for nothing") speaks to the brand.
  if (!post.replyTo && !post.quoteOf && brandAddressedFirst(post.text, accounts)) {
    return { direction: 'customer_to_brand', rule: 'addressed' };
  }
  if (post.review) return { direction: 'customer_to_brand', rule: 'review' };
  return { direction: 'customer_to_customer', rule: 'lateral' };
}
