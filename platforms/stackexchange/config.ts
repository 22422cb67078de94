import { z } from 'zod';
import { EnvVarName, HttpSourceBase, HttpUrl } from '../../schema/source-base.ts';

export const StackExchangeSourceConfig = HttpSourceBase.extend({
  type: z.literal('stackexchange'),
  baseUrl: HttpUrl.default('https://api.stackexchange.com/2.3'),
  /** Site parameter: stackoverflow, superuser, coffee, ... */
  site: z.string().min(1),
  /** Questions with any of these tags (one query per tag). */
  tags: z.array(z.string().min(1)).min(1),
  /** Also fetch the answers of active questions. */
  answers: z.boolean().default(true),
  /** Environment variable with an app key (raises the daily quota from 300 to 10,000). */
  keyEnv: EnvVarName.optional(),
  /** Response filter; the default includes bodies. */
  filter: z.string().default('withbody'),
  pageSize: z.number().int().min(1).max(100).default(100),
});
export type StackExchangeSourceConfig = z.infer<typeof StackExchangeSourceConfig>;
