import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReceiver, type Receiver } from '../../src/receiver/receiver.js';
import { hex, post } from './sample-events.js';

let receiver: Receiver;
let base: string;
beforeEach(async () => {
  receiver = createReceiver();
  base = (await receiver.listen(0)).url;
});
afterEach(() => receiver.close());

const str = (stringValue: string) => ({ stringValue });
const kv = (key: string, value: unknown) => ({ key, value });

/** An ExportLogsServiceRequest as the Collector's otlphttp exporter writes it with `encoding: json`. */
function exportRequest(logRecords: unknown[]) {
  return {
    resourceLogs: [{
      resource: { attributes: [kv('service.name', str('shop')), kv('deployment.environment.name', str('staging')), kv('host.name', str('web-1'))] },
      scopeLogs: [{ scope: { name: '@ezlogs/node' }, logRecords }],
    }],
  };
}

describe('POST /v1/logs (OTLP/HTTP JSON)', () => {
  it('maps ezlogs.* attributes and the record ids back to the universal event', async () => {
    const traceId = hex(16);
    const spanId = hex(8);
    const record = {
      timeUnixNano: '1763807400123000000',
      severityNumber: 9,
      severityText: 'INFO',
      traceId,
      spanId,
      body: str('POST /orders/:id/pay'),
      attributes: [
        kv('ezlogs.event_id', str('evt_otlp_1')),
        kv('ezlogs.event_type', str('http.request')),
        kv('ezlogs.action', str('POST /orders/:id/pay')),
        kv('ezlogs.outcome', str('failure')),
        kv('ezlogs.actor.type', str('user')),
        kv('ezlogs.actor.id', str('123')),
        kv('ezlogs.correlation.parent_span_id', str('a3ce929d0e0e4736')),
        kv('ezlogs.metadata.status_code', { intValue: '502' }),
        kv('ezlogs.metadata.http.method', str('POST')),
        kv('ezlogs.metadata.tags', { arrayValue: { values: [str('a'), { boolValue: true }] } }),
        kv('ezlogs.error.type', str('TypeError')),
        kv('ezlogs.error.message', str('boom')),
      ],
    };
    const res = await post(`${base}/v1/logs`, exportRequest([record]));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});
    expect(receiver.events()).toEqual([{
      event_id: 'evt_otlp_1',
      timestamp: '2025-11-22T10:30:00.123Z',
      event_type: 'http.request',
      action: 'POST /orders/:id/pay',
      outcome: 'failure',
      actor: { type: 'user', id: '123' },
      correlation: { trace_id: traceId, span_id: spanId, parent_span_id: 'a3ce929d0e0e4736' },
      metadata: { status_code: 502, 'http.method': 'POST', tags: ['a', true] },
      error: { type: 'TypeError', message: 'boom' },
      platform: { service: 'shop', environment: 'staging', host: 'web-1', sdk: 'unknown', runtime: 'unknown' },
    }]);
  });

  it('takes a body holding a whole event as JSON', async () => {
    const event = { event_id: 'evt_body', timestamp: '2025-01-01T00:00:00.000Z', event_type: 'user.action', action: 'profile.updated', outcome: 'success', correlation: { trace_id: hex(16) }, metadata: {}, platform: { service: 'api' } };
    await post(`${base}/v1/logs`, exportRequest([{ body: str(JSON.stringify(event)) }]));
    expect(receiver.events()[0]).toMatchObject({ ...event, platform: { service: 'api', environment: 'staging' } });
  });

  it('maps a plain OpenTelemetry log record to a log event', async () => {
    await post(`${base}/v1/logs`, exportRequest([{ observedTimeUnixNano: '1700000000000000000', severityNumber: 17, body: str('db down'), attributes: [kv('code', { intValue: '7' })] }]), {}, true);
    expect(receiver.events()[0]).toMatchObject({
      event_type: 'log', action: 'error', outcome: 'failure', timestamp: '2023-11-14T22:13:20.000Z',
      metadata: { message: 'db down', code: 7 }, correlation: { trace_id: '00000000000000000000000000000000' },
    });
  });

  it('reports records it cannot map as a partial success', async () => {
    const res = await post(`${base}/v1/logs`, exportRequest([{ body: str('ok') }, { attributes: [kv('ezlogs.outcome', str('perhaps'))] }]));
    expect(res.json).toEqual({ partialSuccess: { rejectedLogRecords: '1', errorMessage: 'record 1: outcome must be "success" or "failure"' } });
  });

  it('refuses protobuf with 415 and says how to switch to JSON', async () => {
    const res = await post(`${base}/v1/logs`, Buffer.from([0x0a, 0x00]), { 'content-type': 'application/x-protobuf' });
    expect(res.status).toBe(415);
    expect(res.json.message).toMatch(/encoding: json/);
  });

  it('answers a body that is not an ExportLogsServiceRequest with 400', async () => {
    const res = await post(`${base}/v1/logs`, { logs: [] });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 3, message: 'body must be an OTLP ExportLogsServiceRequest with a resourceLogs array' });
  });
});
