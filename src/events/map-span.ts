import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { fillCorrelation, type CorrelationScope } from '../correlation/scope';
import { sanitizeSql } from '../redaction/sanitize-sql';
import { AgentSpan } from '../tracing/agent-span';
import { foldPath } from './fold-path';
import { durationMs, epochMsToIso, hrTimeToIso, roundedMs } from './hr-time';
import { spanError } from './span-error';
import { sqlAction } from './sql-action';
import type { Correlation, Platform, UniversalEvent } from './universal-event';
import { newEventId } from './event-id';

/** Our own spans (jobs) say what they are through these attributes. */
export const ATTR_EVENT_TYPE = 'ezlogs.event_type';
export const ATTR_ACTION = 'ezlogs.action';
export const ATTR_META_PREFIX = 'ezlogs.meta.';
// Built once: a key made by concatenation on every span is looked up through the string
// table each time (the pipeline bench's CPU profile).
const ATTR_ABORTED = `${ATTR_META_PREFIX}aborted`;

interface Shape {
  eventType: string;
  action: string;
  metadata: Record<string, unknown>;
  failed: boolean;
}

/**
 * One finished span -> one universal event (SPEC section 3). Pure: reads the span and the
 * scope, allocates the event and nothing else. Redaction happens after, in the pipeline.
 */
export function mapSpan(
  span: ReadableSpan,
  scope: CorrelationScope | undefined,
  platform: Readonly<Platform>,
  sanitizeUrl: (url: string) => string,
): UniversalEvent {
  const a = span.attributes;
  const shape = shapeOf(span, a);
  // URLs are cleaned here, where we know a string is a URL: userinfo out, sensitive query values redacted.
  if (typeof shape.metadata.url === 'string') shape.metadata.url = sanitizeUrl(shape.metadata.url);
  const metadata = shape.metadata;
  // Our own spans keep milliseconds; others' (an SDK registered first) only the HrTime tuples.
  const own = span instanceof AgentSpan;
  metadata.duration_ms = own ? roundedMs(span.durationMs) : durationMs(span.duration);
  const error = spanError(span);
  const ctx = span.spanContext();
  const correlation: Correlation = { trace_id: ctx.traceId, span_id: ctx.spanId };
  const parentId = span.parentSpanContext?.spanId;
  if (parentId) correlation.parent_span_id = parentId;
  const event: UniversalEvent = {
    event_id: newEventId(),
    timestamp: own ? epochMsToIso(span.startEpochMs) : hrTimeToIso(span.startTime),
    event_type: shape.eventType,
    action: shape.action,
    outcome: shape.failed || span.status.code === SpanStatusCode.ERROR ? 'failure' : 'success',
    correlation,
    metadata,
    platform,
  };
  if (scope) {
    fillCorrelation(correlation, scope);
    const actor = scope.effectiveActor;
    if (actor) event.actor = actor;
  }
  if (error) event.error = error;
  return event;
}

function shapeOf(span: ReadableSpan, a: Attributes): Shape {
  const own = a[ATTR_EVENT_TYPE];
  if (typeof own === 'string') return ownShape(span, a, own);
  const dbSystem = a['db.system.name'] ?? a['db.system'];
  if (dbSystem !== undefined) return dbShape(span, a, dbSystem);
  const method = a['http.request.method'] ?? a['http.method'];
  if (method !== undefined) {
    if (span.kind === SpanKind.SERVER) return httpServerShape(a, String(method));
    if (span.kind === SpanKind.CLIENT) return httpClientShape(a, String(method));
  }
  return { eventType: 'span', action: span.name, metadata: { kind: SpanKind[span.kind]?.toLowerCase() }, failed: false };
}

function httpServerShape(a: Attributes, method: string): Shape {
  const status = numberAttr(a['http.response.status_code'] ?? a['http.status_code']);
  const route = a['http.route'];
  const path = stringAttr(a['url.path'] ?? a['http.target']) ?? '/';
  const query = stringAttr(a['url.query']);
  const metadata: Record<string, unknown> = { method, url: query ? `${path}?${query}` : path };
  if (typeof route === 'string') metadata.route = route;
  if (status !== undefined) metadata.status_code = status;
  // The client went away before the response finished (set by the http instrumentation).
  if (a[ATTR_ABORTED] === true) metadata.aborted = true;
  return {
    eventType: 'http.request',
    action: `${method} ${typeof route === 'string' ? route : foldPath(path)}`,
    metadata,
    failed: status !== undefined && status >= 500,
  };
}

function httpClientShape(a: Attributes, method: string): Shape {
  const status = numberAttr(a['http.response.status_code'] ?? a['http.status_code']);
  const host = stringAttr(a['server.address'] ?? a['net.peer.name']) ?? 'unknown';
  const port = numberAttr(a['server.port'] ?? a['net.peer.port']);
  const full = stringAttr(a['url.full'] ?? a['http.url']);
  const path = full ? pathOf(full) : stringAttr(a['url.path'] ?? a['http.target']) ?? '/';
  const metadata: Record<string, unknown> = { method, host };
  if (port !== undefined) metadata.port = port;
  if (full) metadata.url = full;
  if (status !== undefined) metadata.status_code = status;
  return { eventType: 'http.client', action: `${method} ${host}${foldPath(path)}`, metadata, failed: status !== undefined && status >= 500 };
}

function dbShape(span: ReadableSpan, a: Attributes, system: unknown): Shape {
  const text = stringAttr(a['db.query.text'] ?? a['db.statement']);
  const metadata: Record<string, unknown> = { db_system: String(system) };
  const dbName = stringAttr(a['db.namespace'] ?? a['db.name']);
  if (dbName) metadata.db_name = dbName;
  if (!text) return { eventType: 'db.query', action: span.name, metadata, failed: false };
  const shape = sqlAction(text);
  metadata.db_statement = sanitizeSql(text);
  if (shape.table) metadata.table = shape.table;
  const rows = numberAttr(a['db.response.returned_rows']);
  if (rows !== undefined) metadata.row_count = rows;
  return { eventType: shape.eventType, action: shape.action, metadata, failed: false };
}

function ownShape(span: ReadableSpan, a: Attributes, eventType: string): Shape {
  const metadata: Record<string, unknown> = {};
  for (const key in a) {
    if (key.startsWith(ATTR_META_PREFIX)) metadata[key.slice(ATTR_META_PREFIX.length)] = a[key];
  }
  return { eventType, action: stringAttr(a[ATTR_ACTION]) ?? span.name, metadata, failed: false };
}

function pathOf(url: string): string {
  const scheme = url.indexOf('://');
  const slash = scheme === -1 ? url.indexOf('/') : url.indexOf('/', scheme + 3);
  return slash === -1 ? '/' : url.slice(slash);
}

function stringAttr(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function numberAttr(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}
