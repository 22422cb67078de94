import { z } from 'zod';
import { formatIssues } from '../../core/issues.ts';
import { STORED_TIME_MAX, STORED_TIME_MIN, type PostInput } from '../../schema/post.ts';
import type { Normalizer } from '../shared/normalizer.ts';
import { isoFromMs } from '../shared/time.ts';
import { blueskyKey, POST_COLLECTION, postUri } from './keys.ts';

/**
 * Bluesky posts, from two connectors that share ids: `bluesky` (a PostView from app.bsky.feed.searchPosts)
 * and `jetstream` (a commit event of the firehose). Both become posts of source `bluesky` keyed by the
 * post's at-URI, so a reply seen on the firehose links to its parent found by search, and the same post seen
 * by both is one row.
 */

const StrongRef = z.object({ uri: z.string().startsWith('at://'), cid: z.string().optional() });

const Facet = z.object({
  index: z.object({ byteStart: z.number().int().nonnegative(), byteEnd: z.number().int().nonnegative() }),
  features: z.array(z.looseObject({ $type: z.string() })),
});

type Facet = z.infer<typeof Facet>;

/**
 * Facets as clients write them: one with a negative offset or without features (a PDS that does not
 * validate) is left out, the post and its other facets are kept.
 */
const Facets = z
  .unknown()
  .optional()
  .transform((value): Facet[] | undefined =>
    Array.isArray(value)
      ? value.flatMap((f) => {
          const parsed = Facet.safeParse(f);
          return parsed.success ? [parsed.data] : [];
        })
      : undefined,
  );

/** The record's own `tags` (hashtags outside the text, lexicon maximum 8); anything but strings is left out. */
const Tags = z
  .unknown()
  .optional()
  .transform((value): string[] | undefined =>
    Array.isArray(value)
      ? value.filter((t): t is string => typeof t === 'string' && t.length > 0)
      : undefined,
  );

/** The `app.bsky.feed.post` record (lexicon), as written by the author's client. */
const PostRecord = z.object({
  text: z.string(),
  createdAt: z.string(),
  langs: z.array(z.string()).optional(),
  reply: z.object({ root: StrongRef, parent: StrongRef }).optional(),
  embed: z.unknown().optional(),
  facets: Facets,
  tags: Tags,
});
type PostRecord = z.infer<typeof PostRecord>;

/** Counts real responses leave out or send as null: unknown, not zero. */
const Count = z.number().int().nonnegative().nullish();

/** `app.bsky.actor.defs#profileViewBasic` (what search returns; follower counts come only with a full profile). */
const Profile = z.object({
  did: z.string().startsWith('did:'),
  handle: z.string(),
  displayName: z.string().optional(),
  createdAt: z.string().optional(),
  followersCount: z.number().int().nonnegative().nullish(),
  followsCount: z.number().int().nonnegative().nullish(),
  labels: z.array(z.object({ val: z.string() })).optional(),
  verification: z.object({ verifiedStatus: z.string() }).optional(),
});

/** `app.bsky.feed.defs#postView`. */
const PostView = z.object({
  uri: z.string().startsWith('at://'),
  cid: z.string(),
  author: Profile,
  record: PostRecord,
  replyCount: Count,
  repostCount: Count,
  likeCount: Count,
  quoteCount: Count,
  indexedAt: z.string(),
  labels: z.array(z.object({ val: z.string() })).nullish(),
});

/** Moderation labels of the network's own labeler that take a post out of public view. */
const TAKEN_DOWN = new Set(['!takedown', '!hide']);

/** A Jetstream commit event for a post (create or update; deletes are not produced). */
const JetstreamEvent = z.object({
  did: z.string().startsWith('did:'),
  time_us: z.number().int().positive(),
  kind: z.literal('commit'),
  commit: z.object({
    operation: z.enum(['create', 'update']),
    collection: z.literal(POST_COLLECTION),
    rkey: z.string().min(1),
    cid: z.string().optional(),
    record: PostRecord,
  }),
});

/** Post ids are `blueskyKey(at-uri)`; author ids take the same form with the DID. */
const id = blueskyKey;

/**
 * Client-written times vary (odd precision, offsets); anything `Date` reads becomes ISO UTC. A time without
 * a zone (the atproto datetime format requires one) is unreadable: `Date` would take it as the host's local
 * time, so the zone would be invented.
 */
function isoTime(value: string | undefined): string | undefined {
  if (!value || /[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value.trim())) return undefined;
  return isoFromMs(Date.parse(value));
}

const storable = (iso: string | undefined) =>
  iso !== undefined &&
  iso >= STORED_TIME_MIN.replace('Z', '.000Z') &&
  iso <= STORED_TIME_MAX.replace('Z', '.999Z');

/**
 * The author's client writes `createdAt`, and some write nonsense (year 1, year 3000). When it is outside
 * what can be stored, the time the network saw the post (`indexedAt`, `time_us`) stands in, flagged
 * approximate: the post existed by then.
 */
function postTime(
  written: string | undefined,
  seen: string | undefined,
): { createdAt?: string; approximateTime?: true } {
  const own = isoTime(written);
  if (storable(own)) return { createdAt: own! };
  const fallback = seen ?? own;
  return fallback ? { createdAt: fallback, ...(fallback !== own ? { approximateTime: true } : {}) } : {};
}

/** `at://did:plc:x/app.bsky.feed.post/3k…` → its author DID and record key. */
export function parseAtUri(uri: string): { did: string; collection: string; rkey: string } | undefined {
  const match = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri);
  return match ? { did: match[1]!, collection: match[2]!, rkey: match[3]! } : undefined;
}

function postRef(uri: string): { postId: string; authorId?: string } {
  const parsed = parseAtUri(uri);
  return parsed ? { postId: id(uri), authorId: id(parsed.did) } : { postId: id(uri) };
}

function webUrl(profile: string, uri: string): string {
  const parsed = parseAtUri(uri);
  return parsed ? `https://bsky.app/profile/${profile}/post/${parsed.rkey}` : '';
}

const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** The quoted post of a record embed (plain or with media); embeds of lists or feeds are not quotes. */
function embeddedPost(embed: unknown): { quoteUri?: string; link?: string } {
  const e = asRecord(embed);
  if (!e) return {};
  const out: { quoteUri?: string; link?: string } = {};
  let record = asRecord(e.record);
  if (e.$type === 'app.bsky.embed.recordWithMedia') {
    record = asRecord(record?.record);
    const media = asRecord(e.media);
    const external = asRecord(media?.external);
    if (typeof external?.uri === 'string') out.link = external.uri;
  }
  if (
    (e.$type === 'app.bsky.embed.record' || e.$type === 'app.bsky.embed.recordWithMedia') &&
    typeof record?.uri === 'string' &&
    parseAtUri(record.uri)?.collection === POST_COLLECTION
  ) {
    out.quoteUri = record.uri;
  }
  const external = asRecord(e.external);
  if (e.$type === 'app.bsky.embed.external' && typeof external?.uri === 'string') out.link = external.uri;
  return out;
}

/**
 * Mentions, tags and links from the record's facets. A mention facet carries only the DID; the handle is
 * the text it covers (byte offsets into the UTF-8 text), which is what brand accounts are configured by.
 */
export function facetsOf(record: Pick<PostRecord, 'text' | 'facets'>): {
  mentions: string[];
  hashtags: string[];
  links: string[];
} {
  const bytes = Buffer.from(record.text, 'utf8');
  const mentions: string[] = [];
  const hashtags: string[] = [];
  const links: string[] = [];
  for (const facet of record.facets ?? []) {
    for (const feature of facet.features) {
      if (feature.$type === 'app.bsky.richtext.facet#mention' && typeof feature.did === 'string') {
        const covered = bytes.subarray(facet.index.byteStart, facet.index.byteEnd).toString('utf8');
        mentions.push(covered.startsWith('@') && covered.length > 1 ? covered.slice(1) : feature.did);
      } else if (feature.$type === 'app.bsky.richtext.facet#tag' && typeof feature.tag === 'string') {
        hashtags.push(feature.tag);
      } else if (feature.$type === 'app.bsky.richtext.facet#link' && typeof feature.uri === 'string') {
        links.push(feature.uri);
      }
    }
  }
  return { mentions, hashtags, links };
}

/** The structure every Bluesky post carries in its record: reply chain, quote, facets, language. */
function fromRecord(
  record: PostRecord,
): Pick<PostInput, 'text' | 'lang' | 'replyTo' | 'rootId' | 'quoteOf' | 'mentions' | 'hashtags' | 'links'> {
  const { mentions, hashtags, links } = facetsOf(record);
  for (const tag of record.tags ?? []) if (!hashtags.includes(tag)) hashtags.push(tag);
  const embedded = embeddedPost(record.embed);
  if (embedded.link && !links.includes(embedded.link)) links.push(embedded.link);
  return {
    text: record.text,
    lang: record.langs?.[0],
    replyTo: record.reply ? postRef(record.reply.parent.uri) : undefined,
    rootId: record.reply ? id(record.reply.root.uri) : undefined,
    quoteOf: embedded.quoteUri ? postRef(embedded.quoteUri) : undefined,
    mentions,
    hashtags,
    links,
  };
}

const problem = (what: string, error: z.ZodError) => ({
  error: `${what}: ${formatIssues(error).replace(/\n/g, '; ')}`,
});

/** A PostView from app.bsky.feed.searchPosts (the `bluesky` connector). */
export const normalizeBluesky: Normalizer = (payload, envelope) => {
  const parsed = PostView.safeParse(payload);
  if (!parsed.success) return problem('bluesky post view', parsed.error);
  const p = parsed.data;
  const takedown = p.labels?.find((l) => TAKEN_DOWN.has(l.val));
  if (takedown) return { posts: [], skipped: `bluesky post labelled ${takedown.val} by moderation` };
  const time = postTime(p.record.createdAt, isoTime(p.indexedAt));
  if (!time.createdAt) return { error: `bluesky post view: no readable createdAt or indexedAt (${p.uri})` };
  const { createdAt, approximateTime } = time;
  const labels = p.author.labels?.map((l) => l.val);
  const post: PostInput = {
    postId: id(p.uri),
    source: 'bluesky',
    url: webUrl(p.author.handle || p.author.did, p.uri),
    author: {
      id: id(p.author.did),
      handle: p.author.handle,
      name: p.author.displayName ?? '',
      followers: p.author.followersCount ?? undefined,
      following: p.author.followsCount ?? undefined,
      createdAt: isoTime(p.author.createdAt),
      verified: p.author.verification ? p.author.verification.verifiedStatus === 'valid' : undefined,
      // Bluesky accounts declare automation with the self-label `bot`.
      bot: labels ? labels.includes('bot') : undefined,
    },
    ...fromRecord(p.record),
    createdAt,
    ...(approximateTime ? { approximateTime } : {}),
    fetchedAt: envelope.fetchedAt,
    // Every count is optional in the lexicon: one not served is unknown, not zero.
    metrics: {
      ...(p.likeCount != null ? { likes: p.likeCount } : {}),
      ...(p.repostCount != null ? { reposts: p.repostCount } : {}),
      ...(p.replyCount != null ? { replies: p.replyCount } : {}),
      ...(p.quoteCount != null ? { quotes: p.quoteCount } : {}),
    },
  };
  return { posts: [post] };
};

/** A Jetstream commit event (the `jetstream` connector): no handle, profile or counts, the DID stands in. */
export const normalizeJetstream: Normalizer = (payload, envelope) => {
  if (typeof payload === 'string') return { error: `jetstream event is not JSON: ${payload.slice(0, 200)}` };
  const parsed = JetstreamEvent.safeParse(payload);
  if (!parsed.success) return problem('jetstream event', parsed.error);
  const e = parsed.data;
  const uri = postUri(e.did, e.commit.rkey);
  const time = postTime(e.commit.record.createdAt, isoFromMs(Math.floor(e.time_us / 1000)));
  if (!time.createdAt) return { error: `jetstream event: no readable createdAt or time_us (${uri})` };
  const { createdAt, approximateTime } = time;
  const post: PostInput = {
    postId: id(uri),
    source: 'bluesky',
    url: webUrl(e.did, uri),
    author: { id: id(e.did), handle: e.did, name: '' },
    ...fromRecord(e.commit.record),
    createdAt,
    ...(approximateTime ? { approximateTime } : {}),
    fetchedAt: envelope.fetchedAt,
  };
  return { posts: [post] };
};
