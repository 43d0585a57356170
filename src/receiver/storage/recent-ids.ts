/**
 * The last `capacity` event ids seen, for de-duplication with bounded memory: a replayed
 * batch is recognised as long as its ids are among the most recent `capacity`.
 * Insertion-ordered Set: the oldest id is the first one, so eviction is O(1).
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
  }

  get size(): number {
    return this.ids.size;
  }
}
