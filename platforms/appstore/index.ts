import { definePlatform } from '../shared/platform.ts';
import { AppStoreSourceConfig } from './config.ts';
import { normalizeAppStore } from './normalize.ts';
import { createAppStoreSource } from './source.ts';

export const appstorePlatform = definePlatform({
  type: 'appstore',
  config: AppStoreSourceConfig,
  createSource: createAppStoreSource,
  normalizers: { appstore: normalizeAppStore },
});
