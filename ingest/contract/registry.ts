import { appstoreContract } from '../appstore/contract.ts';
import { blueskyContract } from '../bluesky/contract.ts';
import { discourseContract } from '../discourse/contract.ts';
import { hackernewsContract } from '../hackernews/contract.ts';
import { jetstreamRealVariationSet } from '../jetstream/real-variation.ts';
import { lemmyContract } from '../lemmy/contract.ts';
import { mastodonContract } from '../mastodon/contract.ts';
import { redditContract } from '../reddit/contract.ts';
import { rssContract } from '../rss/contract.ts';
import { stackexchangeContract } from '../stackexchange/contract.ts';
import type { RealVariationSet } from './real-variation.ts';
import type { ConnectorContract } from './suite.ts';

/**
 * Every polling connector, each with its fake platform. The contract suite (unit: contract.test.ts; Kafka:
 * contract.integration.test.ts) runs for each entry: a new connector adds one line here.
 */
export const connectorContracts: ConnectorContract[] = [
  mastodonContract,
  redditContract,
  hackernewsContract,
  rssContract,
  stackexchangeContract,
  blueskyContract,
  appstoreContract,
  discourseContract,
  lemmyContract,
];

/**
 * Real-variation sets of connectors that have no polling contract (streams). The contract suite
 * (contract.test.ts) and the normaliser test (processors/normalize/real-variation.test.ts) run over these as
 * over the `realVariation` of the contracts above.
 */
export const streamRealVariations: RealVariationSet[] = [jetstreamRealVariationSet];

/** Every real-variation set: the polling connectors' and the streams'. */
export const realVariationSets: RealVariationSet[] = [
  ...connectorContracts.filter((c) => c.realVariation),
  ...streamRealVariations,
];
