import { platforms } from '../platforms/index.ts';
import type { Source } from '../platforms/shared/source.ts';
import type { SourceConfig } from '../schema/config.ts';

/** Builds the connector for a configured source, by its platform in the list (platforms/index.ts). */
export function createSource(config: SourceConfig): Source {
  const platform = platforms.find((p) => p.type === config.type);
  if (!platform) throw new Error(`source ${config.id}: no platform of type ${config.type}`);
  // The config was parsed by the union built from this same list, so it is this platform's config.
  return platform.createSource(config as never);
}
