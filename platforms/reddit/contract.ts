import type { ConnectorContract } from '../shared/contract/suite.ts';
import { fakeReddit } from './fake.ts';
import { redditRealVariation, redditTestSource } from './real-variation.ts';

/** This connector's contract with its fake platform: platforms/contracts.ts finds it here by name. */
export const contract: ConnectorContract = {
  name: 'reddit',
  createPlatform: fakeReddit,
  createSource: redditTestSource({ comments: false }),
  keyOf: (id) => `reddit:t3_${id}`,
  realVariation: redditRealVariation,
  malformedEntry: (time) => ({ kind: 't3', data: { title: 'no id', created_utc: time / 1000 } }),
};
