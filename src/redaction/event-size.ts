import type { UniversalEvent } from '../events/universal-event';
import type { RedactionStats } from './redaction-stats';
import { truncateString } from './truncate';

/**
 * Brings one already-redacted event under `maxBytes` serialized (UTF-8) bytes. Strings are
 * cut shorter and shorter (halving the cap) before whole fields are given up; the event
 * stays valid JSON at every step and is marked `metadata._truncated: true`.
 */
export function serializedBytes(event: UniversalEvent): number {
  return Buffer.byteLength(JSON.stringify(event), 'utf8');
}

function cutStrings(value: unknown, cap: number): unknown {
  if (typeof value === 'string') return truncateString(value, cap);
  if (value === null || typeof value !== 'object') return value;
  // The tree is the redactor's own snapshot, so it is safe to rewrite in place.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = cutStrings(value[i], cap);
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = cutStrings(record[key], cap);
  }
  return value;
}

function cutEvent(event: UniversalEvent, cap: number): void {
  event.metadata = cutStrings(event.metadata, cap) as Record<string, unknown>;
  event.action = truncateString(event.action, Math.max(cap, 64));
  if (event.error) {
    event.error.message = truncateString(event.error.message, Math.max(cap, 64));
    if (event.error.stack !== undefined) event.error.stack = truncateString(event.error.stack, cap);
  }
  if (event.actor) event.actor = cutStrings(event.actor, Math.max(cap, 64)) as UniversalEvent['actor'];
  if (event.subject) event.subject = cutStrings(event.subject, Math.max(cap, 64)) as UniversalEvent['subject'];
}

/** Last resort: keep identity, correlation and outcome; drop the rest of the payload. */
function dropPayload(event: UniversalEvent): void {
  event.metadata = { _truncated: true };
  if (event.error) event.error = { type: truncateString(event.error.type, 64), message: truncateString(event.error.message, 64) };
  if (event.actor) event.actor = { type: truncateString(event.actor.type, 32), id: truncateString(event.actor.id, 64) };
  if (event.subject) event.subject = { type: truncateString(event.subject.type, 32), id: truncateString(event.subject.id, 64) };
  event.action = truncateString(event.action, 64);
}

export function fitEventSize(event: UniversalEvent, maxBytes: number, startCap: number, stats: RedactionStats): void {
  let size = serializedBytes(event);
  if (size <= maxBytes) return;
  stats.add('event_truncated');
  event.metadata._truncated = true;
  for (let cap = Math.floor(startCap / 2); cap >= 16 && size > maxBytes; cap = Math.floor(cap / 2)) {
    cutEvent(event, cap);
    event.metadata._truncated = true;
    size = serializedBytes(event);
  }
  if (size <= maxBytes) return;
  dropPayload(event);
  if (serializedBytes(event) > maxBytes) stats.add('event_oversize');
}
