import { normalizers as defaultNormalizers } from '../normalize/registry.ts';
import { runNormalizer, type Normalizer } from '../../platforms/shared/normalizer.ts';
import type { RawEnvelope } from '../../schema/raw-envelope.ts';
import type { ErasedLookup } from './scrub.ts';

/** A raw item as a source or the webhook is about to produce it. */
export interface EdgeItem {
  source: string;
  payload: unknown;
  origin?: string;
}

/**
 * The ingest edge's erasure check (docs/architecture.md §8): true when every post a raw item normalises to is
 * by an erased author, so it is not produced at all. An item that also carries other people's posts (a review
 * with the brand's reply, a thread page) goes on, and normalisation scrubs the erased person from it. Costs a
 * normalisation only while someone is erased.
 */
export function createEdgeErasureCheck(
  erased: ErasedLookup,
  normalizers: Record<string, Normalizer> = defaultNormalizers,
): (item: EdgeItem) => boolean {
  return (item) => {
    if (erased.size === 0) return false;
    const normalize = normalizers[item.source];
    if (!normalize) return false;
    const envelope: RawEnvelope = {
      source: item.source,
      fetchedAt: new Date(0).toISOString(),
      payload: item.payload,
      ...(item.origin ? { origin: item.origin } : {}),
    };
    const result = runNormalizer(normalize, item.payload, envelope);
    if ('error' in result || result.posts.length === 0) return false;
    return result.posts.every((p) => {
      const author = (p as { author?: { id?: unknown } }).author?.id;
      return typeof author === 'string' && erased.isErasedAuthor(author);
    });
  };
}
