/** A stream has no polling contract: the contract suite reads its real-variation set (platforms/contracts.ts). */
export { jetstreamRealVariationSet as realVariationSet } from './real-variation.ts';
