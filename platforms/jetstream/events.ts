import { blueskyKey, postUri } from '../bluesky/keys.ts';

/** What one Jetstream message means for the connector. */
export type JetstreamMessage =
  /** A post to produce (its key is the post's at-URI, shared with the `bluesky` search connector). */
  | { kind: 'post'; timeUs: number; key: string; event: Record<string, unknown>; createdAt?: string }
  /** Valid but not for us: identity/account events, deletes, other collections, no keyword match. */
  | { kind: 'skip'; timeUs?: number; reason: string }
  /** Unreadable: the reason goes to the dead-letter topic with the raw text. */
  | { kind: 'malformed'; timeUs?: number; reason: string; raw: string };

const asObject = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Lower-cased keywords, matched as substrings of the post text (Jetstream has no server-side search). */
export function keywordFilter(keywords: string[] | undefined): (text: string) => boolean {
  const wanted = (keywords ?? []).map((k) => k.toLowerCase());
  if (wanted.length === 0) return () => true;
  return (text) => {
    const lower = text.toLowerCase();
    return wanted.some((k) => lower.includes(k));
  };
}

/**
 * Classifies one message of the `/subscribe` stream: `{did, time_us, kind, commit{operation, collection,
 * rkey, record, cid}}`. Only the envelope is checked here (enough for a key and the cursor); the record itself
 * is validated by the normaliser, which dead-letters a bad one with its reason.
 */
export function classifyMessage(raw: string, matches: (text: string) => boolean): JetstreamMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    return { kind: 'malformed', reason: `not JSON: ${(err as Error).message}`, raw };
  }
  const event = asObject(parsed);
  if (!event) return { kind: 'malformed', reason: 'event is not a JSON object', raw };
  const timeUs = typeof event.time_us === 'number' && event.time_us > 0 ? event.time_us : undefined;
  if (timeUs === undefined) return { kind: 'malformed', reason: 'event has no time_us', raw };
  if (event.kind !== 'commit') return { kind: 'skip', timeUs, reason: `kind ${String(event.kind)}` };
  const commit = asObject(event.commit);
  if (!commit || typeof event.did !== 'string' || typeof commit.rkey !== 'string' || !commit.rkey) {
    return { kind: 'malformed', timeUs, reason: 'commit event without did, commit or rkey', raw };
  }
  if (commit.collection !== 'app.bsky.feed.post')
    return { kind: 'skip', timeUs, reason: `collection ${String(commit.collection)}` };
  if (commit.operation === 'delete') return { kind: 'skip', timeUs, reason: 'delete' };
  const key = blueskyKey(postUri(event.did, commit.rkey));
  const record = asObject(commit.record);
  // A create without a readable record is produced anyway: the normaliser dead-letters it with the reason.
  if (record && typeof record.text === 'string' && !matches(record.text))
    return { kind: 'skip', timeUs, reason: 'no keyword' };
  const createdAt = typeof record?.createdAt === 'string' ? record.createdAt : undefined;
  return { kind: 'post', timeUs, key, event, ...(createdAt ? { createdAt } : {}) };
}
