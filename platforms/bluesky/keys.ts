export const POST_COLLECTION = 'app.bsky.feed.post';

/** The post id and raw-topic message key of an item: both the connector and the normaliser use it. */
export const blueskyKey = (uri: string) => `bluesky:${uri}`;

/** The at-uri of a post record (Jetstream events carry the DID and record key, not the uri). */
export function postUri(did: string, rkey: string): string {
  return `at://${did}/${POST_COLLECTION}/${rkey}`;
}
