import { definePlatform } from '../shared/platform.ts';
import { MastodonSourceConfig } from './config.ts';
import { normalizeMastodon } from './normalize.ts';
import { createMastodonSource } from './source.ts';

export const mastodonPlatform = definePlatform({
  type: 'mastodon',
  config: MastodonSourceConfig,
  createSource: createMastodonSource,
  normalizers: { mastodon: normalizeMastodon },
});
