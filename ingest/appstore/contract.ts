import type { ConnectorContract } from '../contract/suite.ts';
import { AppStoreSourceConfig } from '../../schema/config.ts';
import { FAKE_APP_ID, fakeAppStore } from './fake.ts';
import { appStoreKey, createAppStoreSource } from './source.ts';
import { appstoreRealVariation } from './real-variation.ts';

/** The contract-suite registration of this connector (ingest/contract/registry.ts). */
export const appstoreContract: ConnectorContract = {
  name: 'appstore',
  createPlatform: fakeAppStore,
  createSource: (baseUrl, { http, now, pageSize, id }) =>
    createAppStoreSource(
      AppStoreSourceConfig.parse({
        type: 'appstore',
        id,
        baseUrl,
        apps: [{ id: FAKE_APP_ID, countries: ['us'] }],
        pageSize,
        backfill: '1d',
      }),
      { http, now },
    ),
  keyOf: (id) => appStoreKey(id),
  realVariation: appstoreRealVariation,
  malformedEntry: (time) => ({
    author: { name: { label: 'NoRating' } },
    updated: { label: new Date(time).toISOString() },
    id: { label: '77' },
    content: { label: 'an entry without a rating' },
  }),
};
