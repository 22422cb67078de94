/**
 * Steps are small functions `input → StepResult`. One handler (the runner) applies the results, so no step
 * ever throws on bad data and no bad message stops a partition (docs/architecture.md §4).
 */

export type StepResult<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'drop'; readonly reason: string; readonly step?: string }
  | { readonly kind: 'dlq'; readonly error: string; readonly step?: string }
  | { readonly kind: 'retry'; readonly error: string; readonly step?: string };

export const ok = <T>(value: T): StepResult<T> => ({ kind: 'ok', value });
export const drop = (reason: string): StepResult<never> => ({ kind: 'drop', reason });
export const dlq = (error: string): StepResult<never> => ({ kind: 'dlq', error });
export const retry = (error: string): StepResult<never> => ({ kind: 'retry', error });

export interface Step<I, O> {
  readonly name: string;
  run(input: I): StepResult<O> | Promise<StepResult<O>>;
}

export function step<I, O>(
  name: string,
  run: (input: I) => StepResult<O> | Promise<StepResult<O>>,
): Step<I, O> {
  return { name, run };
}

/** A non-ok result together with the name of the step that produced it. */
export type ChainResult<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'drop' | 'dlq' | 'retry'; readonly step: string; readonly reason: string };

/** What a processor runs per message: a chain, or a choice between chains (by input topic, say). */
export interface Runnable<I, O> {
  run(input: I): Promise<ChainResult<O>>;
}

/** Runs steps in order; the first non-ok result stops the chain. A step that throws counts as `dlq`. */
export class Chain<I, O> implements Runnable<I, O> {
  private constructor(private readonly steps: readonly Step<unknown, unknown>[]) {}

  static of<I, O>(first: Step<I, O>): Chain<I, O> {
    return new Chain<I, O>([first as Step<unknown, unknown>]);
  }

  then<N>(next: Step<O, N>): Chain<I, N> {
    return new Chain<I, N>([...this.steps, next as Step<unknown, unknown>]);
  }

  get names(): string[] {
    return this.steps.map((s) => s.name);
  }

  async run(input: I): Promise<ChainResult<O>> {
    let value: unknown = input;
    for (const s of this.steps) {
      let result: StepResult<unknown>;
      try {
        result = await s.run(value);
      } catch (err) {
        // A throwing step is a bug, but the message still goes to the DLQ rather than killing the partition.
        result = dlq(`unexpected error: ${err instanceof Error ? err.message : String(err)}`);
      }
      switch (result.kind) {
        case 'ok':
          value = result.value;
          break;
        case 'drop':
          return { kind: 'drop', step: result.step ?? s.name, reason: result.reason };
        case 'dlq':
        case 'retry':
          return { kind: result.kind, step: result.step ?? s.name, reason: result.error };
      }
    }
    return { kind: 'ok', value: value as O };
  }
}

/** A chain's non-ok result as a step result: same kind (a `retry` stays a retry), same step name. */
export function fromChainResult(result: Exclude<ChainResult<unknown>, { kind: 'ok' }>): StepResult<never> {
  return result.kind === 'drop'
    ? { kind: 'drop', reason: result.reason, step: result.step }
    : { kind: result.kind, error: result.reason, step: result.step };
}

/**
 * A step that runs a chain (or a choice of chains) on its input, then `next` on the chain's value together with
 * the input (a step that needs the message's origin after decoding it, say). A non-ok result of the inner chain
 * is passed on unchanged.
 */
export function nested<I, M, O>(
  name: string,
  inner: Runnable<I, M>,
  next: (value: M, input: I) => StepResult<O> | Promise<StepResult<O>>,
): Step<I, O> {
  return step(name, async (input: I) => {
    const result = await inner.run(input);
    return result.kind === 'ok' ? next(result.value, input) : fromChainResult(result);
  });
}
