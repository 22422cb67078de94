import { RssSourceConfig } from './config.ts';
import type { ConnectorContract } from '../shared/contract/suite.ts';
import { fakeFeed } from './fake.ts';
import { rssRealVariation } from './real-variation.ts';
import { createRssSource } from './source.ts';
import { rssKey } from './keys.ts';

/** This connector's contract with its fake platform: platforms/contracts.ts finds it here by name. */
export const contract: ConnectorContract = {
  name: 'rss',
  paginates: false,
  createPlatform: fakeFeed,
  createSource: (baseUrl, { http, now, pageSize, id }) =>
    createRssSource(RssSourceConfig.parse({ type: 'rss', id, feeds: [`${baseUrl}/feed.xml`], pageSize }), {
      http,
      now,
    }),
  keyOf: (id, baseUrl) => rssKey(`${baseUrl}/feed.xml`, id),
  // An item with neither guid nor link cannot be told apart from the next one.
  realVariation: rssRealVariation,
  malformedEntry: () => '<item><title>Untitled, no guid, no link</title><description>?</description></item>',
};
