import { describe, expect, it } from 'vitest';
import type { UniversalEvent } from '../../src/events/universal-event.js';
import { toOtlpLogRecord } from '../../src/exporters/otlp-log-record.js';
import { createResourceCache } from '../../src/exporters/otlp-resource.js';
import { sampleEvent as event, samplePlatform as platform, sampleSpanId as spanId, sampleTraceId as traceId } from '../helpers/sample-event.js';

const observed: [number, number] = [1_900_000_000, 5];

const resources = createResourceCache();
const map = (e: UniversalEvent) => toOtlpLogRecord(e, resources(e.platform), observed);

describe('universal event -> OTLP log record', () => {
  it('puts trace and span ids in the record’s own fields, not in attributes', () => {
    const record = map(event({ correlation: { trace_id: traceId, span_id: spanId, parent_span_id: 'a3ce929d0e0e4736', request_id: 'req_1' } }));
    expect(record.spanContext).toEqual({ traceId, spanId, traceFlags: 1 });
    expect(record.attributes).toMatchObject({ 'ezlogs.correlation.parent_span_id': 'a3ce929d0e0e4736', 'ezlogs.correlation.request_id': 'req_1' });
    expect(Object.keys(record.attributes).filter((k) => k.endsWith('trace_id') || k.endsWith('.span_id'))).toEqual([]);
  });

  it.each([
    ['the all-zero trace id of an event outside any trace', { trace_id: '00000000000000000000000000000000' }],
    ['an id that is not lower-case hex', { trace_id: traceId.toUpperCase(), span_id: spanId }],
  ])('keeps %s as an attribute, exactly', (_name, correlation) => {
    const record = map(event({ correlation }));
    expect(record.spanContext).toBeUndefined();
    expect(record.attributes['ezlogs.correlation.trace_id']).toBe(correlation.trace_id);
  });

  it('stamps the record with the event’s start time, to the nanosecond field', () => {
    const record = map(event());
    expect(record.hrTime).toEqual([Math.floor(Date.parse('2026-11-22T10:30:00.123Z') / 1000), 123_000_000]);
    expect(record.hrTimeObserved).toEqual(observed);
    expect(record.attributes['ezlogs.timestamp']).toBeUndefined();
  });

  it('sends a timestamp that nanoseconds cannot reproduce as ezlogs.timestamp', () => {
    expect(map(event({ timestamp: '2026-11-22T10:30:00Z' })).attributes['ezlogs.timestamp']).toBe('2026-11-22T10:30:00Z');
  });

  it.each([
    ['a success', event(), 9, 'INFO'],
    ['a failure with an error', event({ outcome: 'failure', error: { type: 'TypeError', message: 'x' } }), 17, 'ERROR'],
    ['a failure without an error (HTTP 503)', event({ outcome: 'failure' }), 13, 'WARN'],
    ['a debug log line', event({ event_type: 'log', action: 'debug' }), 5, 'DEBUG'],
    ['a fatal log line', event({ event_type: 'log', action: 'fatal', outcome: 'failure' }), 21, 'FATAL'],
    ['a log line of an unknown level that failed', event({ event_type: 'log', action: 'alert', outcome: 'failure' }), 13, 'WARN'],
  ])('gives %s severity %i %s', (_name, e, number, text) => {
    const record = map(e);
    expect([record.severityNumber, record.severityText]).toEqual([number, text]);
  });

  it('names the record after the event type and uses the action as its body', () => {
    const record = map(event());
    expect(record.eventName).toBe('http.request');
    expect(record.body).toBe('POST /orders/:id/pay');
  });

  it('gives a log line its message as the body and no event name', () => {
    const record = map(event({ event_type: 'log', action: 'info', metadata: { message: 'payment captured' } }));
    expect(record.eventName).toBeUndefined();
    expect(record.body).toBe('payment captured');
    expect(record.attributes['ezlogs.metadata.message']).toBe('payment captured');
  });

  it('flattens actor, subject, error and metadata one level, keeping dotted keys whole', () => {
    const record = map(event({
      actor: { type: 'user', id: '123' },
      subject: { type: 'order', id: '456' },
      error: { type: 'TypeError', message: 'boom' },
      metadata: { 'http.method': 'POST', nested: { a: [1, { b: true }] }, when: new Date('2026-01-01T00:00:00.000Z'), gone: undefined },
    }));
    expect(record.attributes).toMatchObject({
      'ezlogs.actor.type': 'user', 'ezlogs.actor.id': '123', 'ezlogs.subject.id': '456',
      'ezlogs.error.type': 'TypeError', 'ezlogs.error.message': 'boom',
      'ezlogs.metadata.http.method': 'POST', 'ezlogs.metadata.nested': { a: [1, { b: true }] },
      'ezlogs.metadata.when': '2026-01-01T00:00:00.000Z',
    });
    expect('ezlogs.metadata.gone' in record.attributes).toBe(false);
  });

  it('describes the platform with resource attributes the receiver reads back', () => {
    expect(map(event()).resource.attributes).toMatchObject({
      'service.name': 'shop', 'deployment.environment.name': 'production', 'service.version': '1.4.0', 'host.name': 'web-1',
      'telemetry.sdk.name': 'ezlogs-node', 'telemetry.sdk.version': '0.1.0', 'telemetry.sdk.language': 'nodejs',
      'process.runtime.name': 'node', 'process.runtime.version': '20.20.2',
    });
  });

  it('reuses one resource per platform, so a batch groups into one resourceLogs entry', () => {
    expect(map(event()).resource).toBe(map(event({ event_id: 'evt_2', platform: { ...platform } })).resource);
    expect(map(event()).resource).not.toBe(map(event({ platform: { ...platform, service: 'billing' } })).resource);
  });

  it('sends platform values a resource cannot give back as ezlogs.platform attributes', () => {
    const record = map(event({ platform: { service: 'w', environment: '', host: 'h', sdk: 'custom', runtime: 'node/22' } }));
    expect(record.attributes).toMatchObject({ 'ezlogs.platform.environment': '', 'ezlogs.platform.sdk': 'custom' });
    expect(record.attributes['ezlogs.platform.runtime']).toBeUndefined();
  });
});
