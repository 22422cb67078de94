import { definePlatform } from '../shared/platform.ts';
import { DiscourseSourceConfig } from './config.ts';
import { normalizeDiscourse } from './normalize.ts';
import { createDiscourseSource } from './source.ts';

export const discoursePlatform = definePlatform({
  type: 'discourse',
  config: DiscourseSourceConfig,
  createSource: createDiscourseSource,
  normalizers: { discourse: normalizeDiscourse },
});
