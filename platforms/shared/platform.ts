import type { z } from 'zod';
import type { Normalizer } from './normalizer.ts';
import type { Source } from './source.ts';

/** A source config schema: a zod object discriminated by its `type` literal (schema/source-base.ts). */
export type SourceConfigSchema = z.ZodType<{ type: string }> & { shape: { type: { value: string } } };

/**
 * Everything the pipeline knows about one platform, from its folder `platforms/<name>/index.ts`. The list in
 * platforms/index.ts builds the config's `sources` union (schema/config.ts), the source factory
 * (ingest/sources.ts), the normaliser registry (processors/normalize/registry.ts) and the contract tests
 * (platforms/contracts.ts, from the folder's `contract.ts`).
 */
export interface Platform<C extends SourceConfigSchema = SourceConfigSchema> {
  /** The `type` of its source configs (the literal in `config`). */
  type: string;
  /** Its entry in the config's `sources` list. */
  config: C;
  /** Builds the connector for a configured source (ingest/framework/ingestor.ts drives it). */
  createSource: (config: z.output<C>) => Source;
  /** Normaliser per `RawEnvelope.source` this platform produces (usually `{ [type]: … }`). */
  normalizers: Readonly<Record<string, Normalizer>>;
}

/** Keeps the exact config schema type, so the `sources` union stays discriminated by `type`. */
export function definePlatform<C extends SourceConfigSchema>(platform: Platform<C>): Platform<C> {
  return platform;
}
