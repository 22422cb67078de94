import { HackerNewsSourceConfig } from './config.ts';
import type { ConnectorContract } from '../shared/contract/suite.ts';
import { fakeHackerNews } from './fake.ts';
import { hackernewsRealVariation } from './real-variation.ts';
import { createHackerNewsSource } from './source.ts';

/** This connector's contract with its fake platform: platforms/contracts.ts finds it here by name. */
export const contract: ConnectorContract = {
  name: 'hackernews',
  createPlatform: fakeHackerNews,
  createSource: (baseUrl, { http, now, pageSize, id }) =>
    createHackerNewsSource(
      HackerNewsSourceConfig.parse({ type: 'hackernews', id, baseUrl, queries: ['kettlebrew'], pageSize }),
      {
        http,
        now,
      },
    ),
  keyOf: (id) => `hackernews:${id}`,
  realVariation: hackernewsRealVariation,
  malformedEntry: (time) => ({ title: 'a hit without objectID', created_at: new Date(time).toISOString() }),
};
