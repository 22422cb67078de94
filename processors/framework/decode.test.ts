import { describe, expect, it } from 'vitest';
import { createDecodeJsonStep, createTrustedDecodeStep } from './decode.ts';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('decode steps', () => {
  it('JSON or a dead letter with the parser message', () => {
    const decode = createDecodeJsonStep();
    expect(decode.run(bytes('{"a":1}'))).toEqual({ kind: 'ok', value: { a: 1 } });
    expect(decode.run(bytes('{"a":'))).toMatchObject({
      kind: 'dlq',
      error: expect.stringMatching(/invalid JSON/),
    });
    expect(decode.run(null)).toEqual({ kind: 'dlq', error: 'empty message value' });
  });

  it('trusted records are parsed, checked for their marker only', () => {
    const decode = createTrustedDecodeStep<{ postId: string }>('post', (v) => typeof v.postId === 'string');
    // Fields a full validation would reject pass: the contract was checked where the data entered.
    expect(decode.run(bytes('{"postId":"x:1","extra":true}'))).toEqual({
      kind: 'ok',
      value: { postId: 'x:1', extra: true },
    });
    expect(decode.run(bytes('{"id":"x:1"}'))).toEqual({
      kind: 'dlq',
      error: 'not a post as this pipeline writes it',
    });
    expect(decode.run(bytes('[1]'))).toMatchObject({ kind: 'dlq' });
    expect(decode.run(bytes('null'))).toMatchObject({ kind: 'dlq' });
    expect(decode.run(bytes('nope'))).toMatchObject({
      kind: 'dlq',
      error: expect.stringMatching(/invalid JSON/),
    });
  });
});
