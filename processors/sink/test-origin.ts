import type { MessageOrigin } from '../framework/dead-letters.ts';

/** A message of the sink tests: offset `n` of partition 0 of topic `in`, key `k<n>`, value `{"m":n}`. */
export const testOrigin = (offset: number): MessageOrigin => ({
  topic: 'in',
  partition: 0,
  offset: String(offset),
  key: `k${offset}`,
  value: Buffer.from(`{"m":${offset}}`),
});
