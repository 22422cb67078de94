import type { ConnectorContract } from '../shared/contract/suite.ts';
import { fakeStackExchange } from './fake.ts';
import { stackExchangeTestSource, stackexchangeRealVariation } from './real-variation.ts';

/** This connector's contract with its fake platform: platforms/contracts.ts finds it here by name. */
export const contract: ConnectorContract = {
  name: 'stackexchange',
  createPlatform: fakeStackExchange,
  createSource: stackExchangeTestSource({ answers: false }),
  keyOf: (id) => `stackexchange:coffee:q${id}`,
  realVariation: stackexchangeRealVariation,
  malformedEntry: (time) => ({ title: 'no question_id', creation_date: Math.floor(time / 1000) }),
};
