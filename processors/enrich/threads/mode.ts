/** How many messages of each direction a thread holds (reposts excluded: they amplify, they add no message). */
export interface DirectionCounts {
  brandToCustomer: number;
  customerToBrand: number;
  customerToCustomer: number;
}

export type Mode = 'oneway' | 'twoway' | 'multiway' | 'hybrid';

/**
 * Mode of a conversation (docs/architecture.md §6): `oneway` the brand speaks and nobody answers it, `twoway` brand ↔
 * customers only, `multiway` customers among themselves with the brand absent, `hybrid` both kinds of talk.
 */
export function modeOf(c: DirectionCounts): Mode {
  const vertical = c.brandToCustomer > 0 || c.customerToBrand > 0;
  if (c.customerToCustomer > 0) return vertical ? 'hybrid' : 'multiway';
  if (c.customerToBrand > 0) return 'twoway';
  return c.brandToCustomer > 0 ? 'oneway' : 'multiway';
}
