import type { UniversalEvent } from '../../events/universal-event';

/** An event as the receiver keeps it: `seq` orders arrivals so the page can poll "everything after n". */
export interface StoredEvent {
  seq: number;
  received_at: string;
  event: UniversalEvent;
}

export interface EventQuery {
  /** Only events with a larger `seq`. */
  after?: number;
  type?: string;
  outcome?: string;
  service?: string;
  /** Case-insensitive substring of the event's JSON. */
  text?: string;
  trace_id?: string;
  limit?: number;
}

/** Pure filter shared by the memory store and the page's expectations. */
export function matchesQuery(stored: StoredEvent, q: EventQuery, json?: string): boolean {
  const e = stored.event;
  if (q.after !== undefined && stored.seq <= q.after) return false;
  if (q.type && e.event_type !== q.type) return false;
  if (q.outcome && e.outcome !== q.outcome) return false;
  if (q.service && e.platform.service !== q.service) return false;
  if (q.trace_id && e.correlation.trace_id !== q.trace_id) return false;
  if (q.text) return (json ?? JSON.stringify(e)).toLowerCase().includes(q.text.toLowerCase());
  return true;
}
