import { definePlatform } from '../shared/platform.ts';
import { RedditSourceConfig } from './config.ts';
import { normalizeReddit } from './normalize.ts';
import { createRedditSource } from './source.ts';

export const redditPlatform = definePlatform({
  type: 'reddit',
  config: RedditSourceConfig,
  createSource: createRedditSource,
  normalizers: { reddit: normalizeReddit },
});
