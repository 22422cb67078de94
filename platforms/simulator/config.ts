import { z } from 'zod';
import { SourceBase } from '../../schema/source-base.ts';

export const SimulatorSourceConfig = SourceBase.extend({
  type: z.literal('simulator'),
  seed: z.union([z.string(), z.number()]).default('lateral'),
  count: z.number().int().positive().default(5000),
  start: z.iso.datetime({ offset: true }).optional(),
  malformedRate: z.number().min(0).max(1).default(0),
  /** Items per produce call; also the cursor checkpoint interval. */
  pageSize: z.number().int().positive().default(500),
  /** Limits the emission rate (items/s); absent means as fast as Kafka accepts. */
  ratePerSecond: z.number().positive().optional(),
  /** Mean items per simulated hour (default count/96 within [20, 500]). */
  postsPerHour: z.number().positive().optional(),
  /** Produce each item when the clock reaches its timestamp (live data; use with a recent `start`). */
  realtime: z.boolean().default(false),
  /** Base of the simulated post ids, so a second run of the same community gets ids of its own. */
  idBase: z.number().int().nonnegative().max(1e15).optional(),
  /** Where to write the ground-truth JSON Lines file (optional). */
  truthFile: z.string().optional(),
});
export type SimulatorSourceConfig = z.infer<typeof SimulatorSourceConfig>;
