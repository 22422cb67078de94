import { testSource } from '../shared/contract/real-variation.ts';
import type { ConnectorContract } from '../shared/contract/suite.ts';
import { DiscourseSourceConfig } from './config.ts';
import { fakeDiscourse } from './fake.ts';
import { createDiscourseSource } from './source.ts';
import { discourseKey } from './keys.ts';
import { discourseRealVariation } from './real-variation.ts';

/** This connector's contract with its fake platform: platforms/contracts.ts finds it here by name. */
export const contract: ConnectorContract = {
  name: 'discourse',
  createPlatform: fakeDiscourse,
  createSource: testSource(DiscourseSourceConfig, createDiscourseSource, {
    type: 'discourse',
    backfill: '1d',
  })(),
  keyOf: (id, baseUrl) => {
    const [topic, number] = id.split('/');
    return discourseKey(new URL(baseUrl).host, topic!, number!);
  },
  // In the topic the newest posts go to; no created_at, no username.
  realVariation: discourseRealVariation,
  malformedEntry: () => ({
    id: 4999,
    topic_id: 101,
    post_number: 9,
    cooked: '<p>a post without author or time</p>',
  }),
};
