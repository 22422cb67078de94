import type { ConnectorContract } from '../contract/suite.ts';
import { BlueskySourceConfig } from '../../schema/config.ts';
import { fakeBluesky, fakePostUri } from './fake.ts';
import { blueskyKey, createBlueskySource } from './source.ts';
import { blueskyRealVariation } from './real-variation.ts';

/** The contract-suite registration of this connector (ingest/contract/registry.ts). */
export const blueskyContract: ConnectorContract = {
  name: 'bluesky',
  createPlatform: fakeBluesky,
  createSource: (baseUrl, { http, now, pageSize, id }) =>
    createBlueskySource(
      BlueskySourceConfig.parse({
        type: 'bluesky',
        id,
        baseUrl,
        queries: ['kettlebrew'],
        pageSize,
        backfill: '1d',
      }),
      { http, now },
    ),
  keyOf: (id) => blueskyKey(fakePostUri(id)),
  realVariation: blueskyRealVariation,
  malformedEntry: (time) => ({
    cid: 'bafyreinouri',
    record: { text: 'a post view without uri or author', createdAt: new Date(time).toISOString() },
    indexedAt: new Date(time).toISOString(),
  }),
};
