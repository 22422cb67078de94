/**
 * Normaliser per `RawEnvelope.source`, built from the platform list (platforms/index.ts). A source without one
 * is dead-lettered, never silently dropped.
 */
export { normalizers } from '../../platforms/index.ts';
