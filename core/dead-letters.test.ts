import type { Producer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { DeadLetter } from '../schema/dead-letter.ts';
import { buildDeadLetter, DeadLetterSender, type MessageOrigin } from './dead-letters.ts';

const raw = (offset: string, value: Buffer | string = '{"bad":true}'): MessageOrigin => ({
  topic: 'lateral.raw.v1',
  partition: 2,
  offset,
  key: 'simulator:42',
  value: typeof value === 'string' ? Buffer.from(value) : value,
});

const failed = (origin: MessageOrigin, step = 'normalize', reason = 'no text') =>
  buildDeadLetter({ kind: 'message', origin, component: 'normalize', step, reason });

describe('buildDeadLetter (a failed message)', () => {
  it('gives a re-sent identical message the same id, at any offset, and a schema-valid letter', () => {
    const first = failed(raw('100'));
    const resent = failed(raw('7311'));
    expect(resent.id).toBe(first.id);
    expect(resent.offset).toBe('7311');
    expect(DeadLetter.parse(first)).toEqual(first);
    // The id scheme stays `<topic>/<key>/<step>/<sha-256 of the payload, 32 hex>`.
    expect(first.id).toMatch(/^lateral\.raw\.v1\/simulator:42\/normalize\/[0-9a-f]{32}$/);
  });

  it('changes the id with the payload, the key, the step or the topic', () => {
    const base = failed(raw('1')).id;
    expect(failed(raw('1', '{"bad":false}')).id).not.toBe(base);
    expect(failed({ ...raw('1'), key: 'simulator:43' }).id).not.toBe(base);
    expect(failed(raw('1'), 'validate').id).not.toBe(base);
    expect(failed({ ...raw('1'), topic: 'lateral.posts.v1' }).id).not.toBe(base);
  });

  it('keeps a binary payload as base64 and truncates a long error', () => {
    const letter = failed(raw('1', Buffer.from([0xff, 0xfe, 0x00])), 'normalize', 'e'.repeat(5000));
    expect(letter.payloadEncoding).toBe('base64');
    expect(Buffer.from(letter.payload, 'base64')).toEqual(Buffer.from([0xff, 0xfe, 0x00]));
    expect(letter.error).toHaveLength(4000);
    expect(DeadLetter.safeParse(letter).success).toBe(true);
  });
});

describe('buildDeadLetter (a rejected item)', () => {
  const rejected = (payload: unknown, at = new Date('2026-03-01T10:00:00Z')) =>
    buildDeadLetter({
      kind: 'rejected',
      item: { reason: 'status has no id', payload, key: 'test:9' },
      sourceId: 'src',
      rawTopic: 'ns.lateral.raw.v1',
      at,
    });

  it('gives the same item fetched again the same id, and a schema-valid letter', () => {
    const first = rejected({ text: 'x' });
    const again = rejected({ text: 'x' }, new Date('2026-03-02T10:00:00Z'));
    expect(again.id).toBe(first.id);
    expect(rejected({ text: 'y' }).id).not.toBe(first.id);
    expect(first.id).toMatch(/^ns\.lateral\.raw\.v1\/ingest\/src\/[0-9a-f]{24}\/fetch$/);
    expect(DeadLetter.parse(first)).toMatchObject({
      topic: 'ns.lateral.raw.v1',
      partition: 0,
      offset: '0',
      component: 'ingest.src',
      step: 'fetch',
      key: 'test:9',
      payload: '{"text":"x"}',
    });
  });
});

describe('DeadLetterSender', () => {
  it('produces each letter keyed by the original key, as JSON, acks=all', async () => {
    const sent: { topic: string; acks?: number; messages: { key: string | null; value: string }[] }[] = [];
    const producer = {
      async send(r: (typeof sent)[number]) {
        sent.push(r);
        return [];
      },
    } as unknown as Producer;
    const letter = failed(raw('5'));
    await new DeadLetterSender(producer, 'lateral.dlq.v1').send([letter]);
    await new DeadLetterSender(producer, 'lateral.dlq.v1').send([]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ topic: 'lateral.dlq.v1', acks: -1 });
    expect(sent[0]!.messages.map((m) => m.key)).toEqual(['simulator:42']);
    expect(DeadLetter.parse(JSON.parse(sent[0]!.messages[0]!.value))).toEqual(letter);
  });
});
