import { TraceFlags, type HrTime, type SpanContext } from '@opentelemetry/api';
import { SeverityNumber, type AnyValue, type LogAttributes } from '@opentelemetry/api-logs';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { UniversalEvent } from '../events/universal-event';
import { SDK_VERSION } from '../version';
import type { PlatformResource } from './otlp-resource';

/**
 * A universal event as one OTLP log record: the inverse of the dev receiver's
 * `src/receiver/otlp-mapping.ts`, so that every field comes back as it left.
 *
 * - `event_id`, `event_type`, `action`, `outcome` -> attributes `ezlogs.<field>`.
 * - `timestamp` -> the record's `timeUnixNano`; `ezlogs.timestamp` too only when the string is
 *   not the millisecond ISO form that nanoseconds give back exactly.
 * - `correlation.trace_id` / `span_id` -> the record's own `traceId` / `spanId` when they are
 *   valid lower-case hex ids; other correlation keys (and ids that are not) ->
 *   `ezlogs.correlation.<key>`.
 * - `actor`, `subject`, `error` -> `ezlogs.actor.<key>`, `ezlogs.subject.<key>`, `ezlogs.error.<key>`.
 * - `metadata` -> `ezlogs.metadata.<key>`, the key kept whole (`http.method` stays one key).
 *   Nested objects and arrays travel as OTLP kvlist/array values, with JSON semantics
 *   (a Date as its ISO string, `undefined` left out).
 * - `platform` -> resource attributes (see `otlp-resource.ts`).
 * - severity: the level of a `log` event; else ERROR for a failure with an error, WARN for any
 *   other failure, INFO for success. `eventName` is the `event_type` (not for plain log lines);
 *   the body is the log line's message, else the action: readable in any OTLP backend.
 *
 * Lossy, and only there: a `null` value arrives as absent (OTLP's empty value), object keys
 * that are the empty string are left out, unknown top-level keys containing a dot are left out.
 */
export function toOtlpLogRecord(event: UniversalEvent, platform: PlatformResource, observed: HrTime): ReadableLogRecord {
  const attributes: LogAttributes = {
    'ezlogs.event_id': event.event_id,
    'ezlogs.event_type': event.event_type,
    'ezlogs.action': event.action,
    'ezlogs.outcome': event.outcome,
  };
  const millis = Date.parse(event.timestamp);
  const exactTime = Number.isFinite(millis) && new Date(millis).toISOString() === event.timestamp;
  if (!exactTime) attributes['ezlogs.timestamp'] = event.timestamp;

  const correlation = { ...event.correlation } as Record<string, unknown>;
  const spanContext = takeIds(correlation);
  for (const [key, value] of Object.entries(event)) {
    if (key in fixed) continue;
    if (key in objectFields) flatten(attributes, `ezlogs.${key}.`, key === 'correlation' ? correlation : value);
    else if (!key.includes('.')) setValue(attributes, `ezlogs.${key}`, value);
  }
  for (const [key, value] of platform.leftovers) setValue(attributes, `ezlogs.platform.${key}`, value);

  const [severityNumber, severityText] = severityOf(event);
  return {
    hrTime: exactTime ? millisToHrTime(millis) : observed,
    hrTimeObserved: observed,
    ...(spanContext ? { spanContext } : {}),
    severityNumber,
    severityText,
    body: bodyOf(event),
    ...(event.event_type === 'log' ? {} : { eventName: event.event_type }),
    resource: platform.resource,
    instrumentationScope: scope,
    attributes,
    droppedAttributesCount: 0,
  };
}

function millisToHrTime(millis: number): HrTime {
  const seconds = Math.floor(millis / 1000);
  return [seconds, (millis - seconds * 1000) * 1_000_000];
}

/** One object for every record: the OTLP serializer groups records by scope identity. */
const scope = Object.freeze({ name: '@ezlogs/node', version: SDK_VERSION });

const fixed = { event_id: 1, event_type: 1, action: 1, outcome: 1, timestamp: 1, platform: 1 };
const objectFields = { actor: 1, subject: 1, correlation: 1, error: 1, metadata: 1 };

const traceIdPattern = /^[0-9a-f]{32}$/;
const spanIdPattern = /^[0-9a-f]{16}$/;
const zeroTrace = '00000000000000000000000000000000';

/** Moves the ids the record can carry out of `correlation`, so only the rest become attributes. */
function takeIds(correlation: Record<string, unknown>): SpanContext | undefined {
  const traceId = correlation.trace_id;
  if (typeof traceId !== 'string' || !traceIdPattern.test(traceId) || traceId === zeroTrace) return undefined;
  delete correlation.trace_id;
  let spanId = '';
  if (typeof correlation.span_id === 'string' && spanIdPattern.test(correlation.span_id) && correlation.span_id !== '0000000000000000') {
    spanId = correlation.span_id;
    delete correlation.span_id;
  }
  // The event passed our sampler, so it is sampled by definition.
  return { traceId, spanId, traceFlags: TraceFlags.SAMPLED };
}

function flatten(attributes: LogAttributes, prefix: string, value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key !== '') setValue(attributes, prefix + key, inner);
  }
}

function setValue(attributes: LogAttributes, key: string, value: unknown): void {
  const converted = jsonValue(value);
  if (converted !== undefined) attributes[key] = converted;
}

/** What `JSON.stringify` would have sent, as an OTLP value, so both exporters agree. */
function jsonValue(value: unknown): AnyValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      if (value === null) return null;
      try {
        return JSON.parse(JSON.stringify(value)) as AnyValue;
      } catch {
        return undefined;
      }
    default:
      return undefined;
  }
}

const levels: Record<string, readonly [SeverityNumber, string]> = {
  trace: [SeverityNumber.TRACE, 'TRACE'],
  debug: [SeverityNumber.DEBUG, 'DEBUG'],
  info: [SeverityNumber.INFO, 'INFO'],
  warn: [SeverityNumber.WARN, 'WARN'],
  warning: [SeverityNumber.WARN, 'WARN'],
  error: [SeverityNumber.ERROR, 'ERROR'],
  fatal: [SeverityNumber.FATAL, 'FATAL'],
  critical: [SeverityNumber.FATAL, 'FATAL'],
};

function severityOf(event: UniversalEvent): readonly [SeverityNumber, string] {
  const level = event.event_type === 'log' ? levels[event.action.toLowerCase()] : undefined;
  if (level) return level;
  if (event.outcome === 'failure') return event.error ? [SeverityNumber.ERROR, 'ERROR'] : [SeverityNumber.WARN, 'WARN'];
  return [SeverityNumber.INFO, 'INFO'];
}

function bodyOf(event: UniversalEvent): string {
  const message = event.metadata.message;
  const text = event.event_type === 'log' && typeof message === 'string' ? message : event.action;
  // The receiver reads a body that is a JSON object with an event_id as a whole event; a log
  // line that happens to be one must not be mistaken for it.
  return text.startsWith('{') ? ` ${text}` : text;
}
