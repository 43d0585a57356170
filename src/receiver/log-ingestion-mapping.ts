import type { Correlation, UniversalEvent } from '../events/universal-event';
import { isFailureLevel, noTraceId, receiverEventId, unknownPlatform } from './event-defaults';
import type { BodyError, MappedBody, Rejection } from './ingest-result';
import { isObject, validateEvent } from './validate-event';

/** The levels the Log Ingestion Service API accepts (seed 001_7dd25d589e5dce29.txt). */
export const logLevels = ['DEBUG', 'INFO', 'WARN', 'WARNING', 'ERROR', 'FATAL', 'CRITICAL'] as const;
const levelSet = new Set<string>(logLevels);

/** Universal event fields an entry may carry at its top level; they win over everything else. */
const eventFields = ['event_id', 'event_type', 'action', 'outcome', 'actor', 'subject', 'error'] as const;

/** Keys the agent's log-ingestion encoder moves into `metadata` and the receiver moves back. */
const carriedEventFields = ['event_id', 'event_type', 'action', 'outcome', 'correlation', 'actor', 'subject', 'error'] as const;
const carriedPlatformFields = ['environment', 'host', 'sdk', 'version', 'runtime'] as const;

/**
 * Maps one Log Ingestion Service entry `{timestamp, service, level, message, metadata}` to a
 * universal event: `event_type` `log`, `action` the lower-cased level, `outcome` failure for
 * ERROR/FATAL/CRITICAL, the message in `metadata.message`.
 * An entry from our agent (`metadata.event_id` present) carries its event whole: `event_id`,
 * `event_type`, `action`, `outcome`, `correlation`, `actor`, `subject`, `error` and the platform's
 * `environment`/`host`/`sdk`/`version` come back out of `metadata`, so replays de-duplicate.
 * Universal fields at the entry's top level win over both; otherwise
 * `metadata.trace_id`/`span_id`/`request_id` fill the correlation.
 */
export function mapLogEntry(value: unknown, where: string): { ok: true; event: UniversalEvent } | { ok: false; error: string } {
  if (!isObject(value)) return { ok: false, error: `${where} must be a JSON object` };
  const { timestamp, service, level, message } = value;
  if (typeof timestamp !== 'string' || Number.isNaN(Date.parse(timestamp))) return { ok: false, error: `${where}.timestamp must be an ISO-8601 string` };
  if (typeof service !== 'string' || service.trim() === '') return { ok: false, error: `${where}.service must be a non-empty string` };
  if (typeof level !== 'string' || !levelSet.has(level.toUpperCase())) return { ok: false, error: `${where}.level must be one of ${logLevels.join(', ')}` };
  if (typeof message !== 'string') return { ok: false, error: `${where}.message must be a string` };
  if (value.metadata !== undefined && !isObject(value.metadata)) return { ok: false, error: `${where}.metadata must be an object` };
  const metadata: Record<string, unknown> = { ...(value.metadata ?? {}) };
  const carried = typeof metadata.event_id === 'string';
  const event: Record<string, unknown> = {
    event_id: receiverEventId(),
    timestamp: new Date(timestamp).toISOString(),
    event_type: 'log',
    action: level.toLowerCase(),
    outcome: isFailureLevel(level) ? 'failure' : 'success',
  };
  const platform: Record<string, unknown> = unknownPlatform(service);
  if (carried) {
    for (const field of carriedEventFields) move(metadata, field, event, field);
    for (const field of carriedPlatformFields) move(metadata, field, platform, field);
  } else {
    Object.assign(metadata, { message, level: level.toUpperCase() });
  }
  event.correlation ??= correlationOf(value.correlation, metadata);
  event.metadata = metadata;
  event.platform = isObject(value.platform) ? { ...platform, ...value.platform } : platform;
  for (const field of eventFields) if (value[field] !== undefined) event[field] = value[field];
  if (isObject(value.correlation)) event.correlation = value.correlation;
  const check = validateEvent(event);
  return check.ok ? check : { ok: false, error: `${where}: ${check.error}` };
}

function move(from: Record<string, unknown>, key: string, to: Record<string, unknown>, as: string): void {
  if (from[key] === undefined) return;
  to[as] = from[key];
  delete from[key];
}

function correlationOf(given: unknown, metadata: Record<string, unknown>): Correlation {
  if (isObject(given) && typeof given.trace_id === 'string') return given as unknown as Correlation;
  const c: Correlation = { trace_id: typeof metadata.trace_id === 'string' ? metadata.trace_id : noTraceId };
  if (typeof metadata.span_id === 'string') c.span_id = metadata.span_id;
  if (typeof metadata.request_id === 'string') c.request_id = metadata.request_id;
  return c;
}

/** `POST /api/v1/logs`: `{"log": entry}` (a bare entry is accepted too). */
export function mapSingleLog(body: unknown): MappedBody | BodyError {
  const entry = isObject(body) && 'log' in body ? body.log : body;
  const mapped = mapLogEntry(entry, 'log');
  return mapped.ok ? { events: [mapped.event], rejected: [] } : { error: mapped.error };
}

/** `POST /api/v1/logs/batch`: `{"logs": [entry, ...]}`; bad entries are reported, the rest stored. */
export function mapLogBatch(body: unknown): MappedBody | BodyError {
  if (!isObject(body) || !Array.isArray(body.logs)) return { error: 'body must be a JSON object {"logs": [...]}' };
  const events: UniversalEvent[] = [];
  const rejected: Rejection[] = [];
  body.logs.forEach((entry: unknown, index: number) => {
    const mapped = mapLogEntry(entry, `logs[${index}]`);
    if (mapped.ok) events.push(mapped.event);
    else rejected.push({ index, error: mapped.error });
  });
  return { events, rejected };
}
