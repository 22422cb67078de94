import type { ConnectorContract } from '../contract/suite.ts';
import { DiscourseSourceConfig } from '../../schema/config.ts';
import { fakeDiscourse } from './fake.ts';
import { createDiscourseSource, discourseKey } from './source.ts';
import { discourseRealVariation } from './real-variation.ts';

/** The contract-suite registration of this connector (ingest/contract/registry.ts). */
export const discourseContract: ConnectorContract = {
  name: 'discourse',
  createPlatform: fakeDiscourse,
  createSource: (baseUrl, { http, now, pageSize, id }) =>
    createDiscourseSource(
      DiscourseSourceConfig.parse({ type: 'discourse', id, baseUrl, pageSize, backfill: '1d' }),
      {
        http,
        now,
      },
    ),
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
