import type { Correlation, UniversalEvent } from '../events/universal-event';
import { isFailureLevel, noTraceId, receiverEventId, unknownPlatform } from './event-defaults';
import type { BodyError, MappedBody, Rejection } from './ingest-result';
import { isObject } from './validate-event';

/** The levels the Log Ingestion Service API accepts (seed 001_7dd25d589e5dce29.txt). */
export const logLevels = ['DEBUG', 'INFO', 'WARN', 'WARNING', 'ERROR', 'FATAL', 'CRITICAL'] as const;
const levelSet = new Set<string>(logLevels);

/** Universal event fields an entry may carry at its top level; they win over the derived values. */
const eventFields = ['event_id', 'event_type', 'action', 'outcome', 'actor', 'subject', 'error'] as const;

/**
 * Maps one Log Ingestion Service entry `{timestamp, service, level, message, metadata}` to a
 * universal event: `event_type` `log`, `action` the lower-cased level, `outcome` failure for
 * ERROR/FATAL/CRITICAL, the message in `metadata.message`. An agent sending this format keeps
 * its events whole by adding universal fields at the entry's top level (`event_id`,
 * `event_type`, `action`, `outcome`, `actor`, `subject`, `error`, `correlation`, `platform`);
 * `metadata.trace_id`/`span_id`/`request_id` fill the correlation otherwise.
 */
export function mapLogEntry(value: unknown, where: string): { ok: true; event: UniversalEvent } | { ok: false; error: string } {
  if (!isObject(value)) return { ok: false, error: `${where} must be a JSON object` };
  const { timestamp, service, level, message } = value;
  if (typeof timestamp !== 'string' || Number.isNaN(Date.parse(timestamp))) return { ok: false, error: `${where}.timestamp must be an ISO-8601 string` };
  if (typeof service !== 'string' || service.trim() === '') return { ok: false, error: `${where}.service must be a non-empty string` };
  if (typeof level !== 'string' || !levelSet.has(level.toUpperCase())) return { ok: false, error: `${where}.level must be one of ${logLevels.join(', ')}` };
  if (typeof message !== 'string') return { ok: false, error: `${where}.message must be a string` };
  if (value.metadata !== undefined && !isObject(value.metadata)) return { ok: false, error: `${where}.metadata must be an object` };
  const metadata: Record<string, unknown> = { ...(value.metadata ?? {}), message, level: level.toUpperCase() };

  const event: Record<string, unknown> = {
    event_id: receiverEventId(),
    timestamp: new Date(timestamp).toISOString(),
    event_type: 'log',
    action: level.toLowerCase(),
    outcome: isFailureLevel(level) ? 'failure' : 'success',
    correlation: correlationOf(value.correlation, metadata),
    metadata,
    platform: isObject(value.platform) ? { ...unknownPlatform(service), ...value.platform } : unknownPlatform(service),
  };
  for (const field of eventFields) if (value[field] !== undefined) event[field] = value[field];
  return { ok: true, event: event as unknown as UniversalEvent };
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
