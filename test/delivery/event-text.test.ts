import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventText, writtenCorrelationFields, writtenEventFields } from '../../src/delivery/event-text.js';
import type { UniversalEvent } from '../../src/events/universal-event.js';
import { setActor, shutdown, start, track } from '../../src/index.js';
import { captureEvents, type EventCapture } from '../../src/testing/index.js';

import { sampleEvent, samplePlatform as platform, sampleSpanId, sampleTraceId } from '../helpers/sample-event.js';

/** A query event as the agent makes them: parent span and request id, a statement with quotes. */
const event = (overrides: Partial<UniversalEvent> = {}): UniversalEvent => sampleEvent({
  event_type: 'db.query',
  action: 'SELECT orders',
  correlation: { trace_id: sampleTraceId, span_id: sampleSpanId, parent_span_id: '0a3adb9425e2db4a', request_id: 'req_01M98ZYYCKQHHGK1B8JBSJHS4S' },
  metadata: { db_system: 'postgresql', db_statement: 'SELECT id FROM "orders" WHERE id = $1', row_count: 1, duration_ms: 2.64 },
  ...overrides,
});

const parsed = (text: string): unknown => JSON.parse(text);

describe('EventText', () => {
  it('writes the text JSON.stringify writes for an event without actor, subject or error', () => {
    const e = event();
    expect(new EventText().of(e)).toBe(JSON.stringify(e));
  });

  it('escapes what JSON.stringify escapes, in every string it writes itself', () => {
    const awkward = ['say "hi"', 'back\\slash', 'tab\there', 'nul\u0000', 'del\u007f', 'café ☕', '\ud800 lone', 'emoji 😀', ''];
    const text = new EventText();
    for (const s of awkward) {
      const e = event({ action: s, event_type: s, correlation: { trace_id: s, request_id: s, session_id: s, flow_id: s } });
      expect(text.of(e)).toBe(JSON.stringify(e));
    }
  });

  it('writes every field of the universal event, each optional one when present', () => {
    const full = event({
      actor: { type: 'user', id: '7', email: '[EMAIL]' },
      subject: { type: 'order', id: 'o-"1"' },
      error: { type: 'TypeError', message: 'bad "thing"', stack: 'at x\n at y' },
      correlation: { trace_id: 't', span_id: 's', parent_span_id: 'p', request_id: 'r', session_id: 'se', flow_id: 'f' },
    });
    expect(Object.keys(full).sort()).toEqual(Object.keys(writtenEventFields).sort());
    expect(Object.keys(full.correlation).sort()).toEqual(Object.keys(writtenCorrelationFields).sort());
    expect(parsed(new EventText().of(full))).toEqual(parsed(JSON.stringify(full)));
  });

  it('writes metadata, actor and subject values as JSON.stringify does, one kind of value at a time', () => {
    const text = new EventText();
    const fn = (): void => undefined;
    const cases: Record<string, unknown>[] = [
      {},
      { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, ninf: Number.NEGATIVE_INFINITY, negZero: -0, big: 1e21, small: 1e-7, int: 42, frac: 0.1 + 0.2 },
      { gone: undefined, fn, sym: Symbol('s'), kept: null, yes: true, no: false },
      { 2: 'two', 1: 'one', b: 'b', a: 'a' },
      { 'say "hi"': 1 },
      { 'back\\slash': 'x', tab: 'a\tb', quote: '"', nonAscii: 'café', lone: '\ud800', control: '\u0001' },
      { nested: { a: 1 } },
      { list: [1, 'two'] },
      { when: new Date(0) },
      Object.assign(Object.create(null) as Record<string, unknown>, { bare: 'object' }),
      new (class Item { sku = 'A1'; })() as unknown as Record<string, unknown>,
      { toJSON: () => ({ replaced: true }) },
    ];
    for (const metadata of cases) {
      const e = event({ metadata, actor: metadata as UniversalEvent['actor'], subject: metadata as UniversalEvent['subject'] });
      expect(parsed(text.of(e))).toEqual(parsed(JSON.stringify(e)));
      expect(text.of(event({ metadata }))).toBe(JSON.stringify(event({ metadata })));
    }
  });

  it('hands an event of another shape to JSON.stringify as it is', () => {
    const text = new EventText();
    const odd = [
      { ...event(), action: undefined },
      { ...event(), outcome: 3 },
      event({ correlation: { trace_id: 't', request_id: 42 as unknown as string } }),
      { ...event(), metadata: null },
    ] as unknown as UniversalEvent[];
    for (const e of odd) expect(text.of(e)).toBe(JSON.stringify(e));
  });

  it('leaves out a member whose toJSON gives undefined, as JSON.stringify does', () => {
    const e = event({ metadata: { toJSON: () => undefined } as unknown as Record<string, unknown>, actor: { type: 'u', id: '1', toJSON: () => undefined } as unknown as UniversalEvent['actor'] });
    const text = new EventText().of(e);
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(parsed(text)).toEqual(parsed(JSON.stringify(e)));
  });

  it('throws where JSON.stringify throws', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const text = new EventText();
    expect(() => text.of(event({ metadata: { n: 10n } }))).toThrow(TypeError);
    expect(() => text.of(event({ metadata: circular }))).toThrow(TypeError);
  });

  it('serializes a new platform object when the events change to one', () => {
    const text = new EventText();
    const a = event();
    const b = event({ platform: { ...platform, service: 'other' } });
    expect(text.of(a)).toBe(JSON.stringify(a));
    expect(text.of(b)).toBe(JSON.stringify(b));
    expect(text.of(a)).toBe(JSON.stringify(a));
  });
});

describe('EventText on the events the agent makes', () => {
  let capture: EventCapture;
  beforeAll(async () => {
    await start({ exporters: ['none'], serviceName: 'event-text-test' });
    capture = captureEvents();
  });
  afterAll(() => shutdown());

  it('parses back to the same value as JSON.stringify, for requests, outgoing calls and tracked events', async () => {
    const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');
    const server = http.createServer((_req, res) => {
      setActor({ type: 'user', id: '7', email: 'jane@example.com' });
      track('order.paid', 'paid "now"', { subject: { type: 'order', id: 'ø-1' }, metadata: { note: 'line\nbreak', amount: 12.5, tags: ['a', 'b'], nested: { deep: [1, null] } } });
      res.statusCode = 201;
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve, reject) => {
      http.get(`http://127.0.0.1:${port}/orders/1?q=caf%C3%A9`, { headers: { 'x-request-id': 'req-"quoted"' } }, (res) => res.resume().on('end', resolve)).on('error', reject);
    });
    await capture.waitFor({ event_type: 'http.request' });
    await capture.waitFor({ event_type: 'order.paid' });
    server.close();
    const text = new EventText();
    expect(capture.events.length).toBeGreaterThanOrEqual(2);
    for (const e of capture.events) {
      expect(parsed(text.of(e))).toEqual(parsed(JSON.stringify(e)));
      if (e.actor === undefined && e.subject === undefined && e.error === undefined) expect(text.of(e)).toBe(JSON.stringify(e));
    }
  });
});
