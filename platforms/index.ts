import * as all from './all.ts';
import type { Normalizer } from './shared/normalizer.ts';

/**
 * Every platform, each from its own folder (platforms/<name>/index.ts). This list is the only registry: the
 * config's `sources` union (schema/config.ts), the source factory (ingest/sources.ts), the normalisers
 * (processors/normalize/registry.ts) and the contract tests (platforms/contracts.ts) are built from it, so a
 * new platform is its folder plus one line in platforms/all.ts.
 */
export const platforms: readonly Platform[] = Object.values(all);

/** Any platform of the list. */
export type Platform = (typeof all)[keyof typeof all];

/** Normaliser per `RawEnvelope.source`, from every platform. A source without one is dead-lettered. */
export const normalizers: Readonly<Record<string, Normalizer>> = Object.fromEntries(
  platforms.flatMap((p) => Object.entries(p.normalizers)),
);
