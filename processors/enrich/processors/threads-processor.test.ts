import { describe, expect, it } from 'vitest';
import type { MessageOrigin } from '../../framework/dead-letters.ts';
import { Chain, dlq, drop, retry, step } from '../../framework/step.ts';
import { createThreadsChain } from './threads-processor.ts';

const origin: MessageOrigin = { topic: 't', partition: 0, offset: '0', key: null, value: Buffer.from('{}') };

describe('threads chain', () => {
  it.each([
    ['retry', retry('broker down')],
    ['dlq', dlq('bad message')],
    ['drop', drop('nothing to do')],
  ] as const)('keeps a %s of its decode chain (a retry is not turned into a drop)', async (kind, result) => {
    const decode = Chain.of(step('decode', () => result));
    const out = await createThreadsChain(() => undefined, decode).run(origin);
    expect(out).toMatchObject({ kind, step: 'decode' });
  });
});
