import { HackerNewsSourceConfig } from './config.ts';
import { testSource } from '../shared/contract/real-variation.ts';
import type { ConnectorContract } from '../shared/contract/suite.ts';
import { fakeHackerNews } from './fake.ts';
import { hackernewsRealVariation } from './real-variation.ts';
import { createHackerNewsSource } from './source.ts';

/** This connector's contract with its fake platform: platforms/contracts.ts finds it here by name. */
export const contract: ConnectorContract = {
  name: 'hackernews',
  createPlatform: fakeHackerNews,
  createSource: testSource(HackerNewsSourceConfig, createHackerNewsSource, {
    type: 'hackernews',
    queries: ['kettlebrew'],
  })(),
  keyOf: (id) => `hackernews:${id}`,
  realVariation: hackernewsRealVariation,
  malformedEntry: (time) => ({ title: 'a hit without objectID', created_at: new Date(time).toISOString() }),
};
