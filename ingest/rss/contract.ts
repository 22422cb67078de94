import { RssSourceConfig } from '../../schema/config.ts';
import type { ConnectorContract } from '../contract/suite.ts';
import { fakeFeed } from './fake.ts';
import { rssRealVariation } from './real-variation.ts';
import { createRssSource, rssKey } from './source.ts';

/** The contract-suite registration of this connector (ingest/contract/registry.ts). */
export const rssContract: ConnectorContract = {
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
