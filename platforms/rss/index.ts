import { definePlatform } from '../shared/platform.ts';
import { RssSourceConfig } from './config.ts';
import { normalizeRss } from './normalize.ts';
import { createRssSource } from './source.ts';

export const rssPlatform = definePlatform({
  type: 'rss',
  config: RssSourceConfig,
  createSource: createRssSource,
  normalizers: { rss: normalizeRss },
});
