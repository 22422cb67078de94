import { definePlatform } from '../shared/platform.ts';
import { JetstreamSourceConfig } from './config.ts';
import { normalizeJetstream } from '../bluesky/normalize.ts';
import { createJetstreamSource } from './source.ts';

export const jetstreamPlatform = definePlatform({
  type: 'jetstream',
  config: JetstreamSourceConfig,
  createSource: createJetstreamSource,
  normalizers: { jetstream: normalizeJetstream },
});
