import { RedditSourceConfig } from './config.ts';
import type { ConnectorContract } from '../shared/contract/suite.ts';
import { fakeReddit } from './fake.ts';
import { redditRealVariation } from './real-variation.ts';
import { createRedditSource } from './source.ts';

/** This connector's contract with its fake platform: platforms/contracts.ts finds it here by name. */
export const contract: ConnectorContract = {
  name: 'reddit',
  createPlatform: fakeReddit,
  createSource: (baseUrl, { http, now, pageSize, id }) =>
    createRedditSource(
      RedditSourceConfig.parse({
        type: 'reddit',
        id,
        baseUrl,
        subreddits: ['kettlebrew'],
        comments: false,
        pageSize,
      }),
      { http, now },
    ),
  keyOf: (id) => `reddit:t3_${id}`,
  realVariation: redditRealVariation,
  malformedEntry: (time) => ({ kind: 't3', data: { title: 'no id', created_utc: time / 1000 } }),
};
