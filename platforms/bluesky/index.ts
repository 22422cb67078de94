import { definePlatform } from '../shared/platform.ts';
import { BlueskySourceConfig } from './config.ts';
import { normalizeBluesky } from './normalize.ts';
import { createBlueskySource } from './source.ts';

export const blueskyPlatform = definePlatform({
  type: 'bluesky',
  config: BlueskySourceConfig,
  createSource: createBlueskySource,
  normalizers: { bluesky: normalizeBluesky },
});
