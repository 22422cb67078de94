import type { BrandConfig } from '../../../schema/config.ts';
import { normalizeHandle, type BrandAccounts } from '../direction/direction.ts';

/** A brand's own accounts split by kind: handles per source (what the matcher knows) and author ids. */
export interface BrandAccountBook {
  /** `{ source: [handles] }` without `id:` entries, for the brand-query matcher. */
  handlesBySource: Record<string, string[]>;
  /** Author ids (`<source>:<native id>`) from `id:` entries. */
  ids: Set<string>;
  /** Direction needs the accounts of the post's source; built once per source and cached. */
  forSource(source: string): BrandAccounts;
}

/** Splits `accounts: { simulator: ['acme', 'id:b1'] }` into handles and `simulator:b1`. */
export function brandAccountBook(brand: Pick<BrandConfig, 'accounts'>): BrandAccountBook {
  const handlesBySource: Record<string, string[]> = {};
  const ids = new Set<string>();
  const idsBySource = new Map<string, Set<string>>();
  for (const [source, entries] of Object.entries(brand.accounts)) {
    for (const entry of entries) {
      if (entry.startsWith('id:')) {
        const id = `${source}:${entry.slice(3)}`;
        ids.add(id);
        const set = idsBySource.get(source) ?? new Set<string>();
        set.add(id);
        idsBySource.set(source, set);
      } else {
        (handlesBySource[source] ??= []).push(entry);
      }
    }
  }
  const cache = new Map<string, BrandAccounts>();
  return {
    handlesBySource,
    ids,
    forSource(source) {
      let accounts = cache.get(source);
      if (!accounts) {
        const handles = new Set<string>();
        for (const s of [source, '*'])
          for (const h of handlesBySource[s] ?? []) handles.add(normalizeHandle(h));
        accounts = {
          ids: new Set([...(idsBySource.get(source) ?? []), ...(idsBySource.get('*') ?? [])]),
          handles,
        };
        cache.set(source, accounts);
      }
      return accounts;
    },
  };
}
