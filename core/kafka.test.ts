import { describe, expect, it } from 'vitest';
import { chunkBySize, messageSize } from './kafka.ts';

describe('chunkBySize', () => {
  const msg = (i: number, len: number) => ({ key: `k${i}`, value: 'x'.repeat(len) });

  it('keeps order and never exceeds the limit with more than one message', () => {
    const messages = Array.from({ length: 50 }, (_, i) => msg(i, 100 + ((i * 37) % 300)));
    const limit = 3000;
    const chunks = chunkBySize(messages, limit);
    expect(chunks.flat()).toEqual(messages);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      const bytes = c.reduce((n, m) => n + messageSize(m), 0);
      expect(c.length === 1 || bytes <= limit).toBe(true);
    }
  });

  it('puts an oversized message in a chunk of its own', () => {
    const chunks = chunkBySize([msg(1, 10), msg(2, 5000), msg(3, 10)], 1000);
    expect(chunks.map((c) => c.map((m) => m.key))).toEqual([['k1'], ['k2'], ['k3']]);
  });

  it('counts multi-byte text at its upper bound', () => {
    expect(messageSize({ key: null, value: 'é' })).toBeGreaterThanOrEqual(Buffer.byteLength('é'));
  });
});
