import type { ConnectorContract } from '../shared/contract/suite.ts';
import { LobstersSourceConfig } from './config.ts';
import { fakeLobsters } from './fake.ts';
import { lobstersKey } from './keys.ts';
import { lobstersRealVariation } from './real-variation.ts';
import { createLobstersSource } from './source.ts';

/** This connector's contract with its fake platform: platforms/contracts.ts finds it here by name. */
export const contract: ConnectorContract = {
  name: 'lobsters',
  createPlatform: fakeLobsters,
  createSource: (baseUrl, { http, now, pageSize, id }) =>
    createLobstersSource(
      LobstersSourceConfig.parse({ type: 'lobsters', id, baseUrl, pageSize, backfill: '1d' }),
      {
        http,
        now,
      },
    ),
  keyOf: (id, baseUrl) => {
    const [kind, shortId] = id.split('/');
    return lobstersKey(new URL(baseUrl).host, kind as 's' | 'c', shortId!);
  },
  realVariation: lobstersRealVariation,
  malformedEntry: (time) => ({ title: 'a story without short_id', created_at: new Date(time).toISOString() }),
};
