import type { BrandConfig } from '../../schema/config.ts';
import { simulatedBrands } from './community.ts';

/**
 * The brands of the simulated community as a user would configure them: the query, and the brand's own
 * accounts by handle and by id (`id:b1`: App-Store-like owner replies carry only the account id).
 */
export function simulatorBrandConfigs(): BrandConfig[] {
  return simulatedBrands.map((b) => ({
    name: b.name,
    displayName: b.displayName,
    query: b.query,
    accounts: { simulator: [...b.handles, ...b.accountIds.map((id) => `id:${id}`)] },
  }));
}
