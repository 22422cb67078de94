import { definePlatform } from '../shared/platform.ts';
import { LemmySourceConfig } from './config.ts';
import { normalizeLemmy } from './normalize.ts';
import { createLemmySource } from './source.ts';

export const lemmyPlatform = definePlatform({
  type: 'lemmy',
  config: LemmySourceConfig,
  createSource: createLemmySource,
  normalizers: { lemmy: normalizeLemmy },
});
