import type { RejectedItem } from './rejects.ts';

/** One item fetched from a platform, produced to `lateral.raw.v1` as a RawEnvelope. */
export interface SourceItem {
  /** Message key: the postId (`<source>:<native id>`) where known. */
  key: string;
  /** Platform type of the payload; picks the normaliser. */
  source: string;
  payload: unknown;
  /** When the item was created on the platform (ISO), for lag metrics. */
  createdAt?: string;
  /** Instance base URL, copied to the envelope (ids local to an instance need it to be global). */
  origin?: string;
}

export interface SourcePage {
  items: SourceItem[];
  /** Position after this page; stored only once the page's items are acknowledged by Kafka. */
  cursor: string;
  /** Malformed or unexpected items/responses: dead-lettered (with the source id and reason) before the cursor moves. */
  rejected?: RejectedItem[];
  /** Failures the connector survived (a query that failed after retries); counted and shown by `lateral status`. */
  errors?: string[];
}

/**
 * A configured source. `pages` resumes after `cursor` (undefined: from the start or the backfill horizon)
 * and ends when there is nothing new; a scheduler calls it again later.
 */
export interface Source {
  readonly id: string;
  readonly type: string;
  /** When set, keys already produced by this source in this process are skipped (LRU of this size). */
  readonly dedupCapacity?: number;
  pages(cursor: string | undefined, signal: AbortSignal): AsyncIterable<SourcePage>;
}
