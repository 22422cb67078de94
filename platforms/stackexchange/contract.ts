import { StackExchangeSourceConfig } from './config.ts';
import type { ConnectorContract } from '../shared/contract/suite.ts';
import { fakeStackExchange } from './fake.ts';
import { stackexchangeRealVariation } from './real-variation.ts';
import { createStackExchangeSource } from './source.ts';

/** This connector's contract with its fake platform: platforms/contracts.ts finds it here by name. */
export const contract: ConnectorContract = {
  name: 'stackexchange',
  createPlatform: fakeStackExchange,
  createSource: (baseUrl, { http, now, pageSize, id }) =>
    createStackExchangeSource(
      StackExchangeSourceConfig.parse({
        type: 'stackexchange',
        id,
        baseUrl,
        site: 'coffee',
        tags: ['kettlebrew'],
        answers: false,
        pageSize,
      }),
      { http, now },
    ),
  keyOf: (id) => `stackexchange:coffee:q${id}`,
  realVariation: stackexchangeRealVariation,
  malformedEntry: (time) => ({ title: 'no question_id', creation_date: Math.floor(time / 1000) }),
};
