import type { UniversalEvent } from '../../events/universal-event';
import { RecentIds } from './recent-ids';
import { matchesQuery, type EventQuery, type StoredEvent } from './stored-event';

export interface AddResult {
  /** The events actually stored, in order; the rest were duplicates. */
  stored: StoredEvent[];
  duplicates: number;
}

/**
 * The receiver's recent window of events: a fixed-capacity ring (oldest overwritten) plus a
 * larger window of recent ids, so a replay is still counted as duplicates after its events
 * have rotated out of the ring.
 */
export class MemoryStore {
  private readonly ring: (StoredEvent | undefined)[];
  private readonly seen: RecentIds;
  private next = 0;
  private seq = 0;

  constructor(readonly capacity: number, dedupeWindow = Math.max(capacity * 2, 10_000)) {
    this.ring = new Array<StoredEvent | undefined>(capacity);
    this.seen = new RecentIds(dedupeWindow);
  }

  isDuplicate(id: string): boolean {
    return this.seen.has(id);
  }

  /** Stores each event whose id was not seen (also within this batch). */
  add(events: readonly UniversalEvent[], receivedAt = new Date()): AddResult {
    const stored: StoredEvent[] = [];
    let duplicates = 0;
    const at = receivedAt.toISOString();
    for (const event of events) {
      if (this.seen.has(event.event_id)) {
        duplicates += 1;
        continue;
      }
      this.seen.add(event.event_id);
      const item: StoredEvent = { seq: ++this.seq, received_at: at, event };
      this.ring[this.next] = item;
      this.next = (this.next + 1) % this.capacity;
      stored.push(item);
    }
    return { stored, duplicates };
  }

  /** Marks ids as seen without storing (they were found to be duplicates elsewhere, e.g. in Postgres). */
  remember(ids: readonly string[]): void {
    for (const id of ids) this.seen.add(id);
  }

  /** Oldest first. */
  all(): StoredEvent[] {
    const out: StoredEvent[] = [];
    for (let i = 0; i < this.capacity; i += 1) {
      const item = this.ring[(this.next + i) % this.capacity];
      if (item) out.push(item);
    }
    return out;
  }

  /** Matching events, oldest first; with a limit, the newest `limit` of them. */
  query(q: EventQuery): StoredEvent[] {
    const matched = this.all().filter((s) => matchesQuery(s, q));
    return q.limit !== undefined && matched.length > q.limit ? matched.slice(matched.length - q.limit) : matched;
  }

  get size(): number {
    return Math.min(this.seq, this.capacity);
  }

  get lastSeq(): number {
    return this.seq;
  }
}
