import type { Producer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { chunkMessages, MAX_PRODUCE_BYTES, MAX_PRODUCE_MESSAGES, messageSize, produce } from './kafka.ts';

const msg = (i: number, len: number, topic = 't') => ({ topic, key: `k${i}`, value: 'x'.repeat(len) });

describe('chunkMessages', () => {
  it('keeps order and never exceeds the byte limit with more than one message', () => {
    const messages = Array.from({ length: 50 }, (_, i) => msg(i, 100 + ((i * 37) % 300)));
    const limit = 3000;
    const chunks = chunkMessages(messages, { maxBytes: limit });
    expect(chunks.flat()).toEqual(messages);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      const bytes = c.reduce((n, m) => n + messageSize(m), 0);
      expect(c.length === 1 || bytes <= limit).toBe(true);
    }
  });

  it('cuts by message count when messages are small', () => {
    const messages = Array.from({ length: 25 }, (_, i) => msg(i, 1));
    const chunks = chunkMessages(messages, { maxMessages: 10 });
    expect(chunks.map((c) => c.length)).toEqual([10, 10, 5]);
    expect(chunks.flat()).toEqual(messages);
  });

  it('applies the default limits: tiny messages by count, large ones by bytes', () => {
    const tiny = Array.from({ length: MAX_PRODUCE_MESSAGES * 2 + 1 }, (_, i) => ({
      key: null,
      value: `${i}`,
    }));
    expect(chunkMessages(tiny).map((c) => c.length)).toEqual([MAX_PRODUCE_MESSAGES, MAX_PRODUCE_MESSAGES, 1]);
    const large = Array.from({ length: 10 }, (_, i) => msg(i, 200_000));
    const chunks = chunkMessages(large);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks)
      expect(c.reduce((n, m) => n + messageSize(m), 0)).toBeLessThanOrEqual(MAX_PRODUCE_BYTES);
  });

  it('puts an oversized message in a chunk of its own', () => {
    const chunks = chunkMessages([msg(1, 10), msg(2, 5000), msg(3, 10)], { maxBytes: 1000 });
    expect(chunks.map((c) => c.map((m) => m.key))).toEqual([['k1'], ['k2'], ['k3']]);
  });

  it('counts UTF-8 bytes (3-byte characters included), headers, and tombstones', () => {
    expect(messageSize({ key: null, value: 'é' })).toBeGreaterThanOrEqual(Buffer.byteLength('é'));
    const cjk = '語'.repeat(1000);
    expect(messageSize({ key: null, value: cjk })).toBeGreaterThanOrEqual(Buffer.byteLength(cjk));
    expect(messageSize({ key: 'k', value: 'v', headers: { h: 'x'.repeat(500) } })).toBeGreaterThan(500);
    expect(messageSize({ key: 'k', value: null })).toBeGreaterThan(0);
  });
});

describe('produce', () => {
  function fakeProducer(failFirst = 0) {
    const requests: {
      kind: 'send' | 'sendBatch';
      acks: number | undefined;
      topics: Record<string, string[]>;
    }[] = [];
    let calls = 0;
    const producer = {
      async send(r: { topic: string; acks?: number; messages: { key: string | null }[] }) {
        if (calls++ < failFirst) throw new Error('broker unavailable');
        requests.push({ kind: 'send', acks: r.acks, topics: { [r.topic]: r.messages.map((m) => m.key!) } });
        return [];
      },
      async sendBatch(r: {
        acks?: number;
        topicMessages: { topic: string; messages: { key: string | null }[] }[];
      }) {
        if (calls++ < failFirst) throw new Error('broker unavailable');
        requests.push({
          kind: 'sendBatch',
          acks: r.acks,
          topics: Object.fromEntries(r.topicMessages.map((t) => [t.topic, t.messages.map((m) => m.key!)])),
        });
        return [];
      },
    } as unknown as Producer;
    return { producer, requests };
  }

  it('sends chunks in order with acks=all: one topic as send, several as one sendBatch', async () => {
    const f = fakeProducer();
    await produce(f.producer, [msg(1, 1, 'a'), msg(2, 1, 'a'), msg(3, 1, 'b'), msg(4, 1, 'a')], {
      limits: { maxMessages: 2 },
    });
    expect(f.requests).toEqual([
      { kind: 'send', acks: -1, topics: { a: ['k1', 'k2'] } },
      { kind: 'sendBatch', acks: -1, topics: { b: ['k3'], a: ['k4'] } },
    ]);
  });

  it('retries a failed chunk up to `attempts`, and by default does not retry', async () => {
    const retried = fakeProducer(2);
    const seen: number[] = [];
    await produce(retried.producer, [msg(1, 1)], {
      attempts: 3,
      onRetry: (_e, attempt) => seen.push(attempt),
    });
    expect(seen).toEqual([1, 2]);
    expect(retried.requests).toHaveLength(1);
    await expect(produce(fakeProducer(1).producer, [msg(1, 1)])).rejects.toThrow('broker unavailable');
  });

  it('sends nothing for no messages', async () => {
    const f = fakeProducer();
    await produce(f.producer, []);
    expect(f.requests).toEqual([]);
  });
});
