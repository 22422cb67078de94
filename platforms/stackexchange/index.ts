import { definePlatform } from '../shared/platform.ts';
import { StackExchangeSourceConfig } from './config.ts';
import { normalizeStackExchange } from './normalize.ts';
import { createStackExchangeSource } from './source.ts';

export const stackexchangePlatform = definePlatform({
  type: 'stackexchange',
  config: StackExchangeSourceConfig,
  createSource: createStackExchangeSource,
  normalizers: { stackexchange: normalizeStackExchange },
});
