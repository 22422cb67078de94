import type { ConnectorContract } from '../contract/suite.ts';
import { LemmySourceConfig } from '../../schema/config.ts';
import { fakeLemmy } from './fake.ts';
import { createLemmySource, lemmyKey } from './source.ts';
import { lemmyRealVariation } from './real-variation.ts';

/** The contract-suite registration of this connector (ingest/contract/registry.ts). */
export const lemmyContract: ConnectorContract = {
  name: 'lemmy',
  createPlatform: fakeLemmy,
  createSource: (baseUrl, { http, now, pageSize, id }) =>
    createLemmySource(
      LemmySourceConfig.parse({
        type: 'lemmy',
        id,
        baseUrl,
        communities: ['kettles'],
        pageSize,
        backfill: '1d',
      }),
      { http, now },
    ),
  keyOf: (id, baseUrl) => {
    const [kind, n] = id.split('/');
    return lemmyKey(new URL(baseUrl).host, kind as 'post' | 'comment', n!);
  },
  realVariation: lemmyRealVariation,
  malformedEntry: (time) => ({
    post: { name: 'a post view without id', published: new Date(time).toISOString() },
    counts: { comments: 0 },
  }),
};
