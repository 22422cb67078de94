import { HackerNewsSourceConfig } from '../../schema/config.ts';
import type { ConnectorContract } from '../contract/suite.ts';
import { fakeHackerNews } from './fake.ts';
import { hackernewsRealVariation } from './real-variation.ts';
import { createHackerNewsSource } from './source.ts';

/** The contract-suite registration of this connector (ingest/contract/registry.ts). */
export const hackernewsContract: ConnectorContract = {
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
