import { testSource } from '../shared/contract/real-variation.ts';
import type { ConnectorContract } from '../shared/contract/suite.ts';
import { MastodonSourceConfig } from './config.ts';
import { fakeMastodon } from './fake.ts';
import { mastodonRealVariation } from './real-variation.ts';
import { createMastodonSource } from './source.ts';

/** This connector's contract with its fake platform: platforms/contracts.ts finds it here by name. */
export const contract: ConnectorContract = {
  name: 'mastodon',
  createPlatform: fakeMastodon,
  createSource: testSource(MastodonSourceConfig, createMastodonSource, {
    type: 'mastodon',
    hashtags: ['kettlebrew'],
    backfill: '1d',
  })(),
  keyOf: (id, baseUrl) => `mastodon:${new URL(baseUrl).host}:${id}`,
  realVariation: mastodonRealVariation,
  malformedEntry: (time) => ({
    created_at: new Date(time).toISOString(),
    content: '<p>no id, no account</p>',
  }),
};
