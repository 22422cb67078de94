import { afterEach, describe, expect, it } from 'vitest';
import {
  collectPass,
  realVariationSource,
  startRecording,
} from '../../platforms/shared/contract/real-variation.ts';
import { loadContracts } from '../../platforms/contracts.ts';
import { forgetSeenKeys } from '../../platforms/shared/dedup.ts';
import { envelopeOf } from '../../schema/raw-envelope.ts';
import type { MessageOrigin } from '../framework/dead-letters.ts';
import { runNormalizer } from '../../platforms/shared/normalizer.ts';
import { normalizers } from './registry.ts';
import { createNormalizeChain } from './steps.ts';

/**
 * Every platform's real-variation responses (platforms/<name>/real-variation.ts) through its connector and
 * then the normalize chain as the processor runs it: each produced item must end as the set says (posts with
 * the expected fields, skipped with a reason, or dead-lettered with a reason), and nothing else may happen.
 */
const chain = createNormalizeChain();
const { realVariationSets } = await loadContracts();

afterEach(() => forgetSeenKeys());

for (const spec of realVariationSets) {
  if (!spec.realVariation) continue;
  describe(`real-variation responses of ${spec.name} through normalisation`, () => {
    it('every item ends as expected', async () => {
      const variation = spec.realVariation!();
      const server = await startRecording(variation);
      try {
        const source = realVariationSource(spec, variation, server.url, `${spec.name}-real-normalize`);
        const { items } = await collectPass(source, variation.done);
        const expected = variation.expect(server.url);
        expect(items.map((i) => i.key).sort()).toEqual(Object.keys(expected).sort());
        const fetchedAt = new Date(variation.now).toISOString();
        for (const item of items) {
          const want = expected[item.key];
          expect(want, `an expectation for ${item.key}`).toBeDefined();
          if (!want) continue;
          const envelope = envelopeOf(item, source.id, fetchedAt);
          const message: MessageOrigin = {
            topic: 'lateral.raw.v1',
            partition: 0,
            offset: '0',
            key: item.key,
            value: Buffer.from(JSON.stringify(envelope)),
          };
          const result = await chain.run(message);
          const context = `${item.key}: ${JSON.stringify(result).slice(0, 600)}`;
          if ('posts' in want) {
            expect(result.kind, context).toBe('ok');
            if (result.kind !== 'ok') continue;
            expect(result.value[0]!.postId, context).toBe(item.key);
            expect(result.value, context).toMatchObject(want.posts);
            expect(result.value, context).toHaveLength(want.posts.length);
            want.check?.(result.value);
          } else if ('skipped' in want) {
            expect(result, context).toMatchObject({
              kind: 'drop',
              reason: expect.stringMatching(want.skipped),
            });
            const direct = runNormalizer(normalizers[item.source]!, item.payload, envelope);
            expect('erasures' in direct ? direct.erasures : undefined, context).toEqual(
              want.erasures?.map((postId) => ({ postId, reason: expect.any(String) })),
            );
          } else {
            expect(result, context).toMatchObject({ kind: 'dlq', reason: expect.stringMatching(want.dlq) });
          }
        }
      } finally {
        await server.close();
      }
    });
  });
}
