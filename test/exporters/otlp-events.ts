import { randomBytes } from 'node:crypto';
import type { UniversalEvent } from '../../src/events/universal-event.js';

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
const platform = { service: 'shop', environment: 'staging', version: '1.4.0', host: 'web-1', sdk: 'ezlogs-node/0.1.0', runtime: 'node/20.20.2' };

/**
 * Events that exercise every part of the OTLP mapping: each top-level field, nested and
 * dotted metadata, ids outside a trace, odd timestamps and platforms, more attributes than
 * the OpenTelemetry SDK's default limit of 128.
 */
export function mappingCorpus(): UniversalEvent[] {
  const traceId = hex(16);
  const wide: Record<string, unknown> = {};
  for (let i = 0; i < 200; i++) wide[`k${i}`] = i % 2 === 0 ? i : `v${i}`;
  return [
    {
      event_id: `evt_${hex(13)}`,
      timestamp: '2026-11-22T10:30:00.123Z',
      event_type: 'http.request',
      action: 'POST /orders/:id/pay',
      outcome: 'success',
      actor: { type: 'user', id: '123', email: '[EMAIL]', roles: ['admin', 'buyer'] },
      subject: { type: 'order', id: '456' },
      correlation: { trace_id: traceId, span_id: hex(8), parent_span_id: hex(8), request_id: 'req_1', session_id: 'sess_1', flow_id: 'checkout_456' },
      metadata: {
        duration_ms: 12.41,
        status_code: 201,
        'http.method': 'POST',
        route: '/orders/:id/pay',
        cached: false,
        tags: ['a', 'b', 3],
        nested: { card: '[CARD]', depth: { two: [1, { three: true }] } },
        password: '[REDACTED]',
        note: 'naïve café ✓ 日本',
        empty_text: '',
        empty_list: [],
        empty_object: {},
        negative: -7,
        zero: 0,
      },
      platform,
    },
    {
      event_id: `evt_${hex(13)}`,
      timestamp: '2026-11-22T10:30:00.130Z',
      event_type: 'db.query',
      action: 'SELECT orders',
      outcome: 'failure',
      correlation: { trace_id: traceId, span_id: hex(8), parent_span_id: hex(8), request_id: 'req_1' },
      metadata: { db_statement: 'SELECT * FROM orders WHERE id = ?', duration_ms: 0.5 },
      error: { type: 'DatabaseError', message: 'relation "orders" does not exist', stack: 'DatabaseError: relation\n    at Parser.parse (pg/lib/parser.js:1:1)' },
      platform,
    },
    {
      event_id: `evt_${hex(13)}`,
      timestamp: '2026-11-22T10:30:01.000Z',
      event_type: 'log',
      action: 'warn',
      outcome: 'success',
      correlation: { trace_id: traceId, span_id: hex(8) },
      metadata: { message: '{"event_id":"not-an-event","looks":"like json"}', logger: 'pino' },
      platform,
    },
    {
      event_id: `evt_${hex(13)}`,
      timestamp: '2026-11-22T10:30:02.000Z',
      event_type: 'user.action',
      action: 'profile.updated',
      outcome: 'success',
      actor: { type: 'user', id: '9' },
      correlation: { trace_id: '00000000000000000000000000000000' },
      metadata: {},
      platform: { service: 'shop', environment: 'staging', host: 'web-1', sdk: 'ezlogs-node/0.1.0', runtime: 'node/20.20.2' },
    },
    {
      event_id: `evt_${hex(13)}`,
      timestamp: '2026-11-22T10:30:03Z',
      event_type: 'job.perform',
      action: 'emails.send-receipt',
      outcome: 'failure',
      correlation: { trace_id: 'NOT-A-HEX-TRACE-ID', span_id: 'short' },
      metadata: wide,
      platform: { service: 'worker', environment: 'staging', host: 'worker-1', sdk: 'custom', runtime: 'node/22.1.0' },
    },
  ];
}

/** What any sender's JSON body would carry: the comparison baseline. */
export const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export const byId = (a: UniversalEvent, b: UniversalEvent): number => a.event_id.localeCompare(b.event_id);
