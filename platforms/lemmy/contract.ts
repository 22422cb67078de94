import { testSource } from '../shared/contract/real-variation.ts';
import type { ConnectorContract } from '../shared/contract/suite.ts';
import { LemmySourceConfig } from './config.ts';
import { fakeLemmy } from './fake.ts';
import { createLemmySource } from './source.ts';
import { lemmyKey } from './keys.ts';
import { lemmyRealVariation } from './real-variation.ts';

/** This connector's contract with its fake platform: platforms/contracts.ts finds it here by name. */
export const contract: ConnectorContract = {
  name: 'lemmy',
  createPlatform: fakeLemmy,
  createSource: testSource(LemmySourceConfig, createLemmySource, {
    type: 'lemmy',
    communities: ['kettles'],
    backfill: '1d',
  })(),
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
