import { testSource } from '../shared/contract/real-variation.ts';
import type { ConnectorContract } from '../shared/contract/suite.ts';
import { BlueskySourceConfig } from './config.ts';
import { fakeBluesky, fakePostUri } from './fake.ts';
import { createBlueskySource } from './source.ts';
import { blueskyKey } from './keys.ts';
import { blueskyRealVariation } from './real-variation.ts';

/** This connector's contract with its fake platform: platforms/contracts.ts finds it here by name. */
export const contract: ConnectorContract = {
  name: 'bluesky',
  createPlatform: fakeBluesky,
  createSource: testSource(BlueskySourceConfig, createBlueskySource, {
    type: 'bluesky',
    queries: ['kettlebrew'],
    backfill: '1d',
  })(),
  keyOf: (id) => blueskyKey(fakePostUri(id)),
  realVariation: blueskyRealVariation,
  malformedEntry: (time) => ({
    cid: 'bafyreinouri',
    record: { text: 'a post view without uri or author', createdAt: new Date(time).toISOString() },
    indexedAt: new Date(time).toISOString(),
  }),
};
