import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Chain, dlq, drop, nested, ok, retry, step } from './step.ts';
import { createDecodeJsonStep, createValidateStep } from './decode.ts';

const double = step('double', (n: number) => ok(n * 2));

describe('Chain', () => {
  it('passes values through ok steps', async () => {
    const chain = Chain.of(double).then(step('str', (n: number) => ok(`n=${n}`)));
    expect(await chain.run(4)).toEqual({ kind: 'ok', value: 'n=8' });
    expect(chain.names).toEqual(['double', 'str']);
  });

  it.each([
    ['drop', drop('not about a brand')],
    ['dlq', dlq('bad field')],
    ['retry', retry('broker down')],
  ] as const)('stops at the first %s and names the step', async (kind, result) => {
    let reached = false;
    const chain = Chain.of(double)
      .then(step('gate', () => result))
      .then(
        step('after', (n: number) => {
          reached = true;
          return ok(n);
        }),
      );
    const out = await chain.run(1);
    expect(out.kind).toBe(kind);
    expect(out).toMatchObject({ step: 'gate' });
    expect(reached).toBe(false);
  });

  it('turns a throwing step into a dead letter instead of crashing', async () => {
    const chain = Chain.of(
      step('boom', () => {
        throw new Error('kaput');
      }),
    );
    expect(await chain.run(1)).toEqual({ kind: 'dlq', step: 'boom', reason: 'unexpected error: kaput' });
  });
});

describe('decode and validate steps', () => {
  const decode = createDecodeJsonStep();
  it('parses JSON and rejects garbage with the parser message', async () => {
    expect(await decode.run(Buffer.from('{"a":1}'))).toEqual({ kind: 'ok', value: { a: 1 } });
    expect(await decode.run(Buffer.from('{"a":'))).toMatchObject({
      kind: 'dlq',
      error: expect.stringMatching(/^invalid JSON/),
    });
    expect(await decode.run(null)).toEqual({ kind: 'dlq', error: 'empty message value' });
    expect(await decode.run(Buffer.alloc(0))).toEqual({ kind: 'dlq', error: 'empty message value' });
  });

  it('names the failing field', async () => {
    const validate = createValidateStep('validate', z.object({ a: z.object({ b: z.number() }) }), 'thing');
    const out = await validate.run({ a: { b: 'x' } });
    expect(out).toMatchObject({ kind: 'dlq', error: expect.stringContaining('a.b:') });
  });
});

describe('nested chains', () => {
  it.each([
    ['drop', drop('not about a brand')],
    ['dlq', dlq('bad field')],
    ['retry', retry('broker down')],
  ] as const)('keep the inner %s and the name of the inner step', async (kind, result) => {
    const inner = Chain.of(double).then(step('inner-gate', () => result));
    const outer = Chain.of(nested('outer', inner, (n: number) => ok(n))).then(double);
    expect(await outer.run(1)).toMatchObject({ kind, step: 'inner-gate' });
  });

  it('hand the inner value and the input on', async () => {
    const outer = Chain.of(nested('outer', Chain.of(double), (n: number, input: number) => ok(n + input)));
    expect(await outer.run(3)).toEqual({ kind: 'ok', value: 9 });
  });
});
