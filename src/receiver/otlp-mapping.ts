import type { UniversalEvent } from '../events/universal-event';
import { isFailureLevel, noTraceId, receiverEventId, unknownPlatform } from './event-defaults';
import type { BodyError, MappedBody, Rejection } from './ingest-result';
import { isObject, validateEvent } from './validate-event';

/**
 * OTLP/HTTP JSON logs (`ExportLogsServiceRequest`, what a Collector's `otlphttp` exporter
 * sends with `encoding: json`) back to universal events. The one place the mapping lives:
 *
 * - Record attribute `ezlogs.<field>` sets that event field: `ezlogs.event_id`,
 *   `ezlogs.event_type`, `ezlogs.action`, `ezlogs.outcome`, `ezlogs.timestamp`.
 * - `ezlogs.actor.<k>`, `ezlogs.subject.<k>`, `ezlogs.correlation.<k>`, `ezlogs.error.<k>`,
 *   `ezlogs.platform.<k>` set key `<k>` of that object; `ezlogs.metadata.<key>` sets
 *   `metadata[<key>]` with the rest of the name as one key (`ezlogs.metadata.http.method`
 *   -> `metadata["http.method"]`). Values are OTLP AnyValues (kvlist -> object, array -> array,
 *   intValue -> number).
 * - A body that is a kvlist, or a string holding a JSON object, with an `event_id` is taken as
 *   the whole event; attributes then fill or override it.
 * - `correlation.trace_id`/`span_id` come from the record's `traceId`/`spanId` (hex) unless set;
 *   `timestamp` from `timeUnixNano`, else `observedTimeUnixNano`.
 * - Resource `service.name`, `deployment.environment.name` (or `deployment.environment`),
 *   `service.version`, `host.name`, `telemetry.sdk.name`/`.version`,
 *   `process.runtime.name`/`.version` fill `platform`.
 * - A record without `ezlogs.*` attributes is a plain OpenTelemetry log: `event_type` `log`,
 *   `action` its severity (lower case), `outcome` failure at ERROR (severityNumber >= 17) and
 *   above, the body in `metadata.message`, other attributes in `metadata` under their names.
 * - The result goes through the same check as `POST /events`; failures count as rejected.
 */
export function mapOtlpLogs(body: unknown): MappedBody | BodyError {
  if (!isObject(body) || !Array.isArray(body.resourceLogs)) return { error: 'body must be an OTLP ExportLogsServiceRequest with a resourceLogs array' };
  const events: UniversalEvent[] = [];
  const rejected: Rejection[] = [];
  let index = 0;
  for (const resourceLogs of body.resourceLogs as unknown[]) {
    if (!isObject(resourceLogs)) continue;
    const resource = isObject(resourceLogs.resource) ? attributesOf(resourceLogs.resource.attributes) : {};
    for (const scopeLogs of arrayOf(resourceLogs.scopeLogs)) {
      if (!isObject(scopeLogs)) continue;
      for (const record of arrayOf(scopeLogs.logRecords)) {
        const check = validateEvent(isObject(record) ? recordToEvent(record, resource) : undefined);
        if (check.ok) events.push(check.event);
        else rejected.push({ index, error: check.error });
        index += 1;
      }
    }
  }
  return { events, rejected };
}

function recordToEvent(record: Record<string, unknown>, resource: Record<string, unknown>): Record<string, unknown> {
  const attributes = attributesOf(record.attributes);
  const bodyValue = anyValue(record.body);
  const whole = wholeEvent(bodyValue);
  const ours = Object.keys(attributes).some((k) => k.startsWith('ezlogs.')) || whole !== undefined;
  const severity = typeof record.severityText === 'string' && record.severityText !== '' ? record.severityText.toLowerCase() : severityName(record.severityNumber);

  const event: Record<string, unknown> = whole ?? {
    event_id: receiverEventId(),
    event_type: 'log',
    action: severity,
    outcome: isFailureLevel(severity) || Number(record.severityNumber) >= 17 ? 'failure' : 'success',
    metadata: {},
  };
  const metadata = (isObject(event.metadata) ? event.metadata : (event.metadata = {})) as Record<string, unknown>;
  if (!ours && bodyValue !== undefined) metadata.message = bodyValue;

  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith('ezlogs.')) setField(event, key.slice('ezlogs.'.length), value);
    else if (!ours) metadata[key] = value;
  }
  event.timestamp ??= nanosToIso(record.timeUnixNano) ?? nanosToIso(record.observedTimeUnixNano) ?? new Date().toISOString();
  const correlation = (isObject(event.correlation) ? event.correlation : (event.correlation = {})) as Record<string, unknown>;
  if (typeof record.traceId === 'string' && record.traceId !== '') correlation.trace_id ??= record.traceId.toLowerCase();
  if (typeof record.spanId === 'string' && record.spanId !== '') correlation.span_id ??= record.spanId.toLowerCase();
  correlation.trace_id ??= noTraceId;
  event.platform = { ...platformOf(resource), ...(isObject(event.platform) ? event.platform : {}) };
  return event;
}

const objectFields = new Set(['actor', 'subject', 'correlation', 'error', 'platform']);

function setField(event: Record<string, unknown>, path: string, value: unknown): void {
  const dot = path.indexOf('.');
  const head = dot < 0 ? path : path.slice(0, dot);
  const rest = dot < 0 ? '' : path.slice(dot + 1);
  if ((head === 'metadata' || objectFields.has(head)) && rest !== '') {
    const target = isObject(event[head]) ? (event[head] as Record<string, unknown>) : (event[head] = {} as Record<string, unknown>);
    (target as Record<string, unknown>)[rest] = value;
  } else if (rest === '') {
    event[head] = value;
  }
}

function wholeEvent(value: unknown): Record<string, unknown> | undefined {
  let candidate = value;
  if (typeof value === 'string' && value.startsWith('{')) {
    try {
      candidate = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return isObject(candidate) && typeof candidate.event_id === 'string' ? { ...candidate } : undefined;
}

function platformOf(resource: Record<string, unknown>): Record<string, unknown> {
  const str = (k: string): string | undefined => (typeof resource[k] === 'string' ? (resource[k] as string) : undefined);
  const platform: Record<string, unknown> = unknownPlatform(str('service.name') ?? 'unknown_service');
  const environment = str('deployment.environment.name') ?? str('deployment.environment');
  if (environment) platform.environment = environment;
  if (str('service.version')) platform.version = str('service.version');
  if (str('host.name')) platform.host = str('host.name');
  if (str('telemetry.sdk.name')) platform.sdk = `${str('telemetry.sdk.name')}/${str('telemetry.sdk.version') ?? ''}`;
  if (str('process.runtime.name')) platform.runtime = `${str('process.runtime.name')}/${str('process.runtime.version') ?? ''}`;
  return platform;
}

/** OTLP `KeyValue[]` to a plain object. */
export function attributesOf(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of arrayOf(list)) {
    if (isObject(kv) && typeof kv.key === 'string') out[kv.key] = anyValue(kv.value);
  }
  return out;
}

/** OTLP JSON `AnyValue` to its plain JSON value (int64 arrives as a string in OTLP JSON). */
export function anyValue(value: unknown): unknown {
  if (!isObject(value)) return undefined;
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('bytesValue' in value) return value.bytesValue;
  if (isObject(value.arrayValue)) return arrayOf(value.arrayValue.values).map(anyValue);
  if (isObject(value.kvlistValue)) return attributesOf(value.kvlistValue.values);
  return undefined;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function nanosToIso(value: unknown): string | undefined {
  if ((typeof value !== 'string' && typeof value !== 'number') || value === '' || value === '0' || value === 0) return undefined;
  try {
    const ms = Number(BigInt(value) / 1_000_000n);
    return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
  } catch {
    return undefined;
  }
}

const severityNames: [number, string][] = [[21, 'fatal'], [17, 'error'], [13, 'warn'], [9, 'info'], [5, 'debug'], [1, 'trace']];

function severityName(n: unknown): string {
  const num = Number(n);
  return severityNames.find(([min]) => num >= min)?.[1] ?? 'info';
}
