import { z } from 'zod';
import { SourceBase } from '../../schema/source-base.ts';

export const FileSourceConfig = SourceBase.extend({
  type: z.literal('file'),
  path: z.string().min(1),
  /** Platform of lines that are bare payloads; lines shaped `{source, payload}` keep their own. */
  source: z
    .string()
    .regex(/^[a-z0-9_-]+$/)
    .default('import'),
  pageSize: z.number().int().positive().default(1000),
});
export type FileSourceConfig = z.infer<typeof FileSourceConfig>;
