import { HyperLogLog } from 'hyperlolo';

/**
 * Unique reactors per author and brand, counted by HyperLogLog (npm `hyperlolo`: Uint8Array registers, linear
 * counting for small sets, which is where most authors are). `bloom-filters`' HyperLogLog was measured and
 * rejected: its registers store the 0-based position of the first one bit, so "register is zero" no longer
 * means "empty" and its linear-counting correction is ~45 % off for fewer than ~100 items, the common case
 * here; it also hashes through binary strings (~4k updates/s).
 *
 * Registers live in the author's state (2^p bytes, serialised as they are); one shared counter object is
 * pointed at them for each update or count, so a million authors do not carry a million hasher objects.
 */
class RegisterView extends HyperLogLog {
  constructor(precision: number) {
    super({ precision });
  }

  on(registers: Uint8Array): this {
    if (registers.length !== 2 ** this.precision())
      throw new Error(`reactor sketch: ${registers.length} registers, expected ${2 ** this.precision()}`);
    this.registers = registers;
    return this;
  }
}

const views = new Map<number, RegisterView>();

function view(precision: number): RegisterView {
  let v = views.get(precision);
  if (!v) views.set(precision, (v = new RegisterView(precision)));
  return v;
}

export function newReactorRegisters(precision: number): Uint8Array {
  return new Uint8Array(2 ** precision);
}

/** Adds a reactor id; returns true when a register grew (the reactor was certainly new). */
export function addReactor(registers: Uint8Array, reactorId: string): boolean {
  const precision = Math.log2(registers.length);
  let before = 0;
  for (let i = 0; i < registers.length; i++) before += registers[i]!;
  view(precision).on(registers).add(reactorId);
  let after = 0;
  for (let i = 0; i < registers.length; i++) after += registers[i]!;
  return after > before;
}

export function countReactors(registers: Uint8Array): number {
  let empty = true;
  for (let i = 0; i < registers.length; i++) if (registers[i] !== 0) empty = false;
  if (empty) return 0;
  return view(Math.log2(registers.length)).on(registers).count();
}
