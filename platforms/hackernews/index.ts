import { definePlatform } from '../shared/platform.ts';
import { HackerNewsSourceConfig } from './config.ts';
import { normalizeHackerNews } from './normalize.ts';
import { createHackerNewsSource } from './source.ts';

export const hackernewsPlatform = definePlatform({
  type: 'hackernews',
  config: HackerNewsSourceConfig,
  createSource: createHackerNewsSource,
  normalizers: { hackernews: normalizeHackerNews },
});
