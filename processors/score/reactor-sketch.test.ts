import { describe, expect, it } from 'vitest';
import { addReactor, countReactors, newReactorRegisters } from './reactor-sketch.ts';

describe('reactor sketch (HyperLogLog registers)', () => {
  it('counts small sets almost exactly and large ones within the expected error', () => {
    for (const n of [0, 1, 5, 20]) {
      const regs = newReactorRegisters(6);
      for (let i = 0; i < n; i++) addReactor(regs, `simulator:u${i}`);
      expect(Math.abs(countReactors(regs) - n)).toBeLessThanOrEqual(Math.max(1, n * 0.2));
    }
    let error = 0;
    for (let run = 0; run < 10; run++) {
      const regs = newReactorRegisters(6);
      for (let i = 0; i < 2000; i++) addReactor(regs, `r${run}:${i}`);
      error += Math.abs(countReactors(regs) - 2000) / 2000;
    }
    expect(error / 10).toBeLessThan(0.2); // 1.04/sqrt(64) = 13 % standard error
  });

  it('ignores repeats and keeps its state in plain registers', () => {
    const regs = newReactorRegisters(6);
    expect(addReactor(regs, 'fan')).toBe(true);
    for (let i = 0; i < 50; i++) expect(addReactor(regs, 'fan')).toBe(false);
    expect(countReactors(regs)).toBeCloseTo(1, 0);
    const copy = Uint8Array.from(regs);
    expect(countReactors(copy)).toBe(countReactors(regs));
    expect(regs.length).toBe(64);
  });
});
