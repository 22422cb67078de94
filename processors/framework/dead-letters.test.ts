import { describe, expect, it } from 'vitest';
import { toDeadLetter, type MessageOrigin } from './dead-letters.ts';

const raw = (offset: string, value = '{"bad":true}'): MessageOrigin => ({
  topic: 'lateral.raw.v1',
  partition: 2,
  offset,
  key: 'simulator:42',
  value: Buffer.from(value),
});

describe('toDeadLetter', () => {
  it('gives a message produced again at another offset the same id (one dead letter, not two)', () => {
    const first = toDeadLetter(raw('100'), 'normalize', 'normalize', 'no text');
    const resent = toDeadLetter(raw('7311'), 'normalize', 'normalize', 'no text');
    expect(resent.id).toBe(first.id);
    expect(resent.offset).toBe('7311'); // where it sat is still recorded
  });

  it('tells apart different payloads, keys, steps and topics', () => {
    const base = toDeadLetter(raw('1'), 'normalize', 'normalize', 'x').id;
    expect(toDeadLetter(raw('1', '{"bad":false}'), 'normalize', 'normalize', 'x').id).not.toBe(base);
    expect(toDeadLetter({ ...raw('1'), key: 'simulator:43' }, 'normalize', 'normalize', 'x').id).not.toBe(
      base,
    );
    expect(toDeadLetter(raw('1'), 'normalize', 'validate', 'x').id).not.toBe(base);
    expect(
      toDeadLetter({ ...raw('1'), topic: 'lateral.posts.v1' }, 'normalize', 'normalize', 'x').id,
    ).not.toBe(base);
  });
});
