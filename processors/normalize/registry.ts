import type { Normalizer } from './normalizer.ts';
import { normalizeImport } from './sources/import.ts';
import { normalizeSimulator } from './sources/simulator.ts';

/** Normaliser per `RawEnvelope.source`. A source without one is dead-lettered, never silently dropped. */
export const normalizers: Record<string, Normalizer> = {
  simulator: normalizeSimulator,
  import: normalizeImport,
};
