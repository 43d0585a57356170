import type { UniversalEvent } from '../../events/universal-event';
import type { MemoryStore } from './memory-store';
import type { PostgresStore } from './postgres-store';
import type { EventQuery, StoredEvent } from './stored-event';

export type StoreResult = { ok: true; stored: StoredEvent[]; duplicates: number } | { ok: false; error: string };

/**
 * The memory window always (live page, `events()` for tests), PostgreSQL behind it when
 * configured (durable, de-duplicated by its primary key even after a restart).
 */
export class ReceiverStorage {
  constructor(readonly memory: MemoryStore, readonly postgres?: PostgresStore) {}

  async add(events: readonly UniversalEvent[]): Promise<StoreResult> {
    if (!this.postgres) return { ok: true, ...this.memory.add(events) };
    const fresh = uniqueUnseen(events, this.memory);
    let inserted: Set<string>;
    try {
      inserted = await this.postgres.insert(fresh);
    } catch (err) {
      return { ok: false, error: `storage unavailable: ${(err as Error).message}` };
    }
    const { stored } = this.memory.add(fresh.filter((e) => inserted.has(e.event_id)));
    this.memory.remember(fresh.filter((e) => !inserted.has(e.event_id)).map((e) => e.event_id));
    return { ok: true, stored, duplicates: events.length - stored.length };
  }

  recent(q: EventQuery): StoredEvent[] {
    return this.memory.query(q);
  }

  async trace(traceId: string): Promise<StoredEvent[]> {
    if (this.postgres) {
      try {
        return await this.postgres.trace(traceId);
      } catch {
        // Postgres gone: the memory window still shows what it holds.
      }
    }
    return this.memory.query({ trace_id: traceId });
  }

  async close(): Promise<void> {
    await this.postgres?.close();
  }
}

function uniqueUnseen(events: readonly UniversalEvent[], memory: MemoryStore): UniversalEvent[] {
  const ids = new Set<string>();
  return events.filter((e) => {
    if (ids.has(e.event_id) || memory.isDuplicate(e.event_id)) return false;
    ids.add(e.event_id);
    return true;
  });
}
