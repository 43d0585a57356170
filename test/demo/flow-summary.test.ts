import { describe, expect, it } from 'vitest';
import type { UniversalEvent } from '../../src/events/universal-event.js';
import { formatFlows, groupFlows } from '../../demo/run/flow-summary.mjs';

const platform = { service: 'shop', environment: 'demo', host: 'h', sdk: 'ezlogs-node/0.1.0', runtime: 'node/20' };
const t0 = Date.parse('2026-01-01T10:00:00.000Z');

function ev(ms: number, event_type: string, action: string, correlation: UniversalEvent['correlation'], extra: Partial<UniversalEvent> = {}): UniversalEvent {
  return { event_id: `evt_${event_type}_${ms}`, timestamp: new Date(t0 + ms).toISOString(), event_type, action, outcome: 'success', correlation, metadata: {}, platform, ...extra };
}
const span = (duration_ms: number, more: Record<string, unknown> = {}): Partial<UniversalEvent> => ({ metadata: { duration_ms, ...more } });

/** A checkout: request -> select, charge, track() under the request, job -> insert under the job. */
const checkout: UniversalEvent[] = [
  ev(30, 'data.change', 'receipts.create', { trace_id: 'a', span_id: 's5', parent_span_id: 's4' }, span(1)),
  ev(0, 'http.request', 'POST /orders/:id/pay', { trace_id: 'a', span_id: 's1' }, { ...span(40, { status_code: 200 }), actor: { type: 'customer', id: 'alice' } }),
  ev(2, 'db.query', 'SELECT orders', { trace_id: 'a', span_id: 's2', parent_span_id: 's1', flow_id: 'checkout_1' }, span(1.25)),
  ev(5, 'http.client', 'POST 127.0.0.1/v1/charges', { trace_id: 'a', span_id: 's3', parent_span_id: 's1', flow_id: 'checkout_1' }, span(20, { status_code: 201 })),
  ev(26, 'order.paid', 'order.paid', { trace_id: 'a', span_id: 's1', flow_id: 'checkout_1' }),
  ev(28, 'job.perform', 'emails.send-receipt', { trace_id: 'a', span_id: 's4', parent_span_id: 's1', flow_id: 'checkout_1' }, span(9)),
];
const declined: UniversalEvent[] = [
  ev(100, 'http.request', 'POST /orders/:id/pay', { trace_id: 'b', span_id: 'r1' }, { ...span(30, { status_code: 502 }), outcome: 'failure' }),
  ev(101, 'order.payment_failed', 'order.payment_failed', { trace_id: 'b', span_id: 'r1' }, { outcome: 'failure', error: { type: 'PaymentDeclined', message: 'card_declined' } }),
];

describe('the demo summary of flows', () => {
  it('groups events by trace, oldest flow first, rooted at the incoming request', () => {
    const flows = groupFlows([...declined, ...checkout]);
    expect(flows.map((f) => [f.traceId, f.root.action, f.failed])).toEqual([
      ['a', 'POST /orders/:id/pay', false],
      ['b', 'POST /orders/:id/pay', true],
    ]);
  });

  it('nests spans under their parent span and track() events under the span they were recorded in', () => {
    const [flow] = groupFlows(checkout);
    expect(flow?.steps.map((s) => `${s.depth} ${s.event.action}`)).toEqual([
      '1 SELECT orders',
      '1 POST 127.0.0.1/v1/charges',
      '1 order.paid',
      '1 emails.send-receipt',
      '2 receipts.create',
    ]);
  });

  it('still lists steps whose parent never arrived, at the top level', () => {
    const orphan = ev(3, 'db.query', 'SELECT stock', { trace_id: 'a', span_id: 'x1', parent_span_id: 'gone' }, span(2));
    const [flow] = groupFlows([...checkout, orphan]);
    expect(flow?.steps.find((s) => s.event === orphan)?.depth).toBe(1);
    expect(flow?.steps).toHaveLength(checkout.length);
  });

  it('prints each flow with status, duration, actor and flow id, marks failures and links the failed flow', () => {
    const text = formatFlows(groupFlows([...checkout, ...declined]), 'http://127.0.0.1:4800');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^ok +POST \/orders\/:id\/pay +200 +40\.0 ms +trace a +customer:alice +flow checkout_1$/);
    expect(lines[1]).toMatch(/^ {9}db\.query +SELECT orders +1\.3 ms +shop$/);
    expect(lines[5]).toMatch(/^ {11}data\.change +receipts\.create +1\.0 ms +shop$/);
    expect(lines[6]).toMatch(/^FAILED POST \/orders\/:id\/pay +502 +30\.0 ms +trace b$/);
    expect(lines[7]).toMatch(/^ {7}x order\.payment_failed +order\.payment_failed +shop +PaymentDeclined: card_declined$/);
    expect(lines[8]).toBe('       open: http://127.0.0.1:4800/#trace=b');
    expect(lines).toHaveLength(9);
  });
});
