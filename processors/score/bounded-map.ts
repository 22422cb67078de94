/**
 * A Map that forgets its oldest keys beyond a capacity: the engine-wide short-memory caches (seen event ids,
 * the latest repost of each post, text LSH buckets) stay bounded however long the stream runs.
 *
 * Eviction order is first insertion (a ring of keys): deleting the first key of a JavaScript Map over and
 * over leaves holes that `keys().next()` must skip, which made a full cache ~20× slower.
 */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  private readonly ring: (K | undefined)[];
  private next = 0;

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error('BoundedMap: capacity must be at least 1');
    this.ring = new Array<K | undefined>(capacity);
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Sets the value; a new key evicts the oldest one when the map is full. */
  set(key: K, value: V): void {
    if (!this.map.has(key)) {
      const oldest = this.ring[this.next];
      if (oldest !== undefined) this.map.delete(oldest);
      this.ring[this.next] = key;
      this.next = (this.next + 1) % this.capacity;
    }
    this.map.set(key, value);
  }
}
