// A size-capped least-recently-used map. Token counts are memoized per content hash so an
// unchanged prompt is never re-tokenized while the user types elsewhere in the file; the cap
// keeps a long editing session from growing the cache without bound.

export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`LRU capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // A Map iterates in insertion order, so re-inserting marks the entry most recently used.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /** Every entry, least recently used first (to persist the cache). */
  toArray(): [K, V][] {
    return [...this.entries];
  }

  clear(): void {
    this.entries.clear();
  }
}
