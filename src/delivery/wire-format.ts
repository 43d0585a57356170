import type { UniversalEvent } from '../events/universal-event';
import type { WireFormat } from './encoded-batch';
import { EventText } from './event-text';
import { toLogIngestionEntry } from './log-ingestion-entry';

// One for the process: it remembers the JSON of the one `platform` object all events share.
const eventText = new EventText();

/** One event as its JSON text in the given format; throws on values JSON cannot hold (BigInt, cycles). */
export function serializeEvent(event: UniversalEvent, format: WireFormat): string {
  return format === 'events' ? eventText.of(event) : JSON.stringify(toLogIngestionEntry(event));
}

/** What a body of that format starts and ends with around its comma-separated items. */
export const opening: Record<WireFormat, string> = { events: '[', 'log-ingestion': '{"logs":[' };
export const closing: Record<WireFormat, string> = { events: ']', 'log-ingestion': ']}' };

/** The bytes a body of that format adds around a single item. */
export function wrapperBytes(format: WireFormat): number {
  return opening[format].length + closing[format].length;
}

/** The items of a body, for a 413 split; the inverse of `bodyOfItems`. */
export function unwrapItems(body: string, format: WireFormat): unknown[] {
  const parsed: unknown = JSON.parse(body);
  const items = format === 'events' ? parsed : (parsed as { logs?: unknown }).logs;
  if (!Array.isArray(items)) throw new Error(`batch body is not a ${format} batch`);
  return items as unknown[];
}

/** Where a batch of that format goes: the endpoint itself, or the service's batch route on its origin. */
export function targetPath(endpoint: URL, format: WireFormat): string {
  return format === 'events' ? `${endpoint.pathname}${endpoint.search}` : '/api/v1/logs/batch';
}
