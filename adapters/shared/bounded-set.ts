/**
 * A set that forgets its oldest entries past `capacity`: enough to remember recent message keys
 * in a long-running process without growing forever. Insertion order is a Set's iteration order.
 */
export class BoundedSet {
  readonly #entries = new Set<string>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  has(entry: string): boolean {
    return this.#entries.has(entry);
  }

  /** Adds the entry; false when it was already there (so `if (set.add(key))` means "first time"). */
  add(entry: string): boolean {
    if (this.#entries.has(entry)) return false;
    this.#entries.add(entry);
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.values().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return true;
  }
}
