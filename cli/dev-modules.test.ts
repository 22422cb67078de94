import { describe, expect, it } from 'vitest';
import * as bench from '../test/bench/pipeline-bench.ts';
import * as stack from '../deploy/stack/stack.ts';
import { loadBench, loadStack, type BenchModule, type StackModule } from './dev-modules.ts';

describe('modules loaded on demand', () => {
  it('have the declared shapes (a type error here means cli/dev-modules.ts is out of date)', async () => {
    const s: StackModule = stack;
    const b: BenchModule = bench;
    expect(await loadStack()).toMatchObject({ stackUp: s.stackUp, stackDown: s.stackDown });
    expect((await loadBench()).runBench).toBe(b.runBench);
  });
});
