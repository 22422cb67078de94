import type { ConnectorContract } from '../shared/contract/suite.ts';
import { FAKE_APP_ID, fakeAppStore } from './fake.ts';
import { appStoreKey } from './keys.ts';
import { appStoreTestSource, appstoreRealVariation } from './real-variation.ts';

/** This connector's contract with its fake platform: platforms/contracts.ts finds it here by name. */
export const contract: ConnectorContract = {
  name: 'appstore',
  createPlatform: fakeAppStore,
  createSource: appStoreTestSource({ apps: [{ id: FAKE_APP_ID, countries: ['us'] }] }),
  keyOf: (id) => appStoreKey(id),
  realVariation: appstoreRealVariation,
  malformedEntry: (time) => ({
    author: { name: { label: 'NoRating' } },
    updated: { label: new Date(time).toISOString() },
    id: { label: '77' },
    content: { label: 'an entry without a rating' },
  }),
};
