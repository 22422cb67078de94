import { z } from 'zod';
import { formatIssues } from '../../core/issues.ts';
import { UINT32_MAX, type PostInput } from '../../schema/post.ts';
import type { Normalizer } from '../shared/normalizer.ts';
import { isoFromText } from '../shared/time.ts';
import { appStoreKey } from './keys.ts';

const Label = z.object({ label: z.string() });
const Time = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a readable date-time');

/** A review entry of Apple's customer-reviews JSON feed (every value wrapped in `label`). */
const Entry = z.object({
  id: z.object({ label: z.string().regex(/^\d+$/) }),
  /** Absent in many real feeds: only the feed itself then says when it was generated. */
  updated: z.object({ label: Time }).optional(),
  'im:rating': z.object({ label: z.string().regex(/^[1-5]$/) }),
  'im:version': Label.optional(),
  'im:voteSum': Label.optional(),
  title: Label.optional(),
  content: Label,
  author: z.object({ name: Label, uri: Label.optional() }),
  link: z.object({ attributes: z.object({ href: z.string().optional() }) }).optional(),
});

/** What the `appstore` connector produces: the entry untouched, with the app and storefront it came from. */
const Payload = z.object({
  app: z.object({ id: z.string().regex(/^\d+$/), country: z.string(), name: z.string().optional() }),
  feedUpdated: z.string().optional(),
  entry: Entry,
});

/** `https://itunes.apple.com/us/reviews/id638572168` → `638572168`: the reviewer's account id. */
function reviewerId(uri: string | undefined): string | undefined {
  return uri ? /\/id(\d+)(?:[/?]|$)/.exec(uri)?.[1] : undefined;
}

/**
 * An App Store customer review becomes a post with `review` (1–5 stars). The feed has no owner replies
 * (those need the App Store Connect API), so `ownerReply` is never set here.
 *
 * Time: the entry's `updated`; without one, the feed's `updated` (the review existed by then), else the fetch
 * time, both flagged `approximateTime`. URL: none. The entry's `link` is the app's review page, the same for
 * every review, and the App Store has no public page per review.
 */
export const normalizeAppStore: Normalizer = (payload, envelope) => {
  const parsed = Payload.safeParse(payload);
  if (!parsed.success)
    return { error: `appstore review: ${formatIssues(parsed.error).replace(/\n/g, '; ')}` };
  const { app, entry } = parsed.data;
  const authorName = entry.author.name.label;
  const reviewer = reviewerId(entry.author.uri?.label);
  const title = entry.title?.label.trim() || undefined;
  const voteSum = entry['im:voteSum']?.label;
  const helpful = voteSum !== undefined && /^\d+$/.test(voteSum.trim()) ? Number(voteSum.trim()) : undefined;
  const own = isoFromText(entry.updated?.label);
  const createdAt = own ?? isoFromText(parsed.data.feedUpdated) ?? envelope.fetchedAt;
  const post: PostInput = {
    postId: appStoreKey(entry.id.label),
    source: 'appstore',
    url: '',
    author: {
      id: `appstore:${reviewer ? `id${reviewer}` : `name:${authorName}`}`,
      handle: authorName,
      name: authorName,
    },
    text: title ? `${title}. ${entry.content.label}` : entry.content.label,
    createdAt,
    ...(own ? {} : { approximateTime: true }),
    fetchedAt: envelope.fetchedAt,
    review: {
      rating: Number(entry['im:rating'].label),
      maxRating: 5,
      product: app.name ?? `App Store app ${app.id}`,
      title,
    },
    // "Helpful" votes are the feed's only reaction to a review; an entry without `im:voteSum` has no known
    // count. The feed carries no reposts or replies: those counts are unknown, not zero.
    metrics: helpful !== undefined && helpful <= UINT32_MAX ? { likes: helpful } : {},
  };
  return { posts: [post] };
};
