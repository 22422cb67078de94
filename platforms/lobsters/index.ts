import { definePlatform } from '../shared/platform.ts';
import { LobstersSourceConfig } from './config.ts';
import { normalizeLobsters } from './normalize.ts';
import { createLobstersSource } from './source.ts';

export const lobstersPlatform = definePlatform({
  type: 'lobsters',
  config: LobstersSourceConfig,
  createSource: createLobstersSource,
  normalizers: { lobsters: normalizeLobsters },
});
