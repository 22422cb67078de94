import { LRUCache } from 'lru-cache';

/**
 * Keys a source already produced in this process, bounded (least recently seen forgotten first). Platforms
 * return the same item again (overlapping pages, a stream replaying after a reconnect, a question that
 * became active again); the cursor prevents repeats across restarts, this prevents them within a process.
 * One cache per source id, kept across scheduled passes.
 */
export class SeenKeys {
  private readonly cache: LRUCache<string, true>;

  constructor(max: number) {
    this.cache = new LRUCache<string, true>({ max });
  }

  has(key: string): boolean {
    return this.cache.has(key);
  }

  add(key: string): void {
    this.cache.set(key, true);
  }

  get size(): number {
    return this.cache.size;
  }
}

const bySource = new Map<string, SeenKeys>();

/** The process-wide cache of one source id (created on first use). */
export function seenKeysFor(sourceId: string, max: number): SeenKeys {
  let seen = bySource.get(sourceId);
  if (!seen) {
    seen = new SeenKeys(max);
    bySource.set(sourceId, seen);
  }
  return seen;
}

/** Forgets every source's cache (tests; `cursor reset`). */
export function forgetSeenKeys(sourceId?: string): void {
  if (sourceId === undefined) bySource.clear();
  else bySource.delete(sourceId);
}
