import { createHash } from 'node:crypto';

/** The post id and raw-topic message key of an item: both the connector and the normaliser use it. */
export const rssKey = (feedUrl: string, entryId: string) =>
  `rss:${createHash('sha256').update(`${feedUrl}\n${entryId}`).digest('hex').slice(0, 32)}`;
