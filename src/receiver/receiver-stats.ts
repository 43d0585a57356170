/** Counters the receiver keeps about itself; `stats()` and `GET /api/stats` return a copy. */
export interface ReceiverStats {
  requests: number;
  /** Answers by HTTP status, e.g. `{ "200": 12, "429": 3 }`. */
  responses: Record<string, number>;
  /** Ingest requests by route path. */
  routes: Record<string, number>;
  events_accepted: number;
  events_duplicate: number;
  events_rejected: number;
  /** Events in the in-memory window now. */
  events_in_memory: number;
  bytes_received: number;
  rate_limited: number;
  faults_injected: number;
  storage: 'memory' | 'postgres';
}

export function emptyStats(storage: 'memory' | 'postgres'): ReceiverStats {
  return {
    requests: 0,
    responses: {},
    routes: {},
    events_accepted: 0,
    events_duplicate: 0,
    events_rejected: 0,
    events_in_memory: 0,
    bytes_received: 0,
    rate_limited: 0,
    faults_injected: 0,
    storage,
  };
}

export function bump(table: Record<string, number>, key: string, by = 1): void {
  table[key] = (table[key] ?? 0) + by;
}
