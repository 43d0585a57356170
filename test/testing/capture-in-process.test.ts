import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setActor, shutdown, start, track, withFlow } from '../../src/index.js';
import { assertCorrelated, assertFlow, captureEvents, FlowAssertionError, type EventCapture } from '../../src/testing/index.js';

// The testing helpers as an app's own test suite uses them: agent started in-process, no network exporter.
let capture: EventCapture;
beforeAll(async () => {
  await start({ exporters: ['none'], serviceName: 'capture-test' });
  capture = captureEvents();
});
afterAll(() => shutdown());

describe('@ezlogs/node/testing', () => {
  it('captures a request flow and asserts it as one correlated chain', async () => {
    // In-process, the agent patches what is required after start (as it would for an app
    // started under --import); vitest's own ESM import of node:http happened before.
    const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');
    const server = http.createServer((_req, res) => {
      setActor({ type: 'user', id: '7' });
      withFlow('flow-1', () => track('order.viewed', 'viewed', { subject: { type: 'order', id: '1' } }));
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve, reject) => {
      http.get(`http://127.0.0.1:${port}/orders/1`, (res) => res.resume().on('end', resolve)).on('error', reject);
    });
    const request = await capture.waitFor({ event_type: 'http.request', action: 'GET /orders/:id' });
    server.close();
    const [req, tracked] = assertFlow(capture.events, [{ event_type: 'http.request' }, { event_type: 'order.viewed' }]);
    expect(req).toBe(request);
    expect(tracked?.correlation.flow_id).toBe('flow-1');
    expect(tracked?.actor).toEqual({ type: 'user', id: '7' });
    expect(request.actor).toEqual({ type: 'user', id: '7' });
  });

  it('explains a missing step with the events it did capture', () => {
    expect(() => assertFlow(capture.events, [{ event_type: 'http.request' }, { event_type: 'job.perform' }])).toThrow(
      /has no event for step 2 \(event_type="job\.perform"\)[\s\S]*http\.request "GET \/orders\/:id"/,
    );
  });

  it('rejects events from two traces as one chain', () => {
    const a = capture.events[0]!;
    const b = { ...a, correlation: { ...a.correlation, trace_id: 'f'.repeat(32) } };
    expect(() => assertCorrelated([a, b])).toThrow(FlowAssertionError);
  });

  it('times out with a readable list when an event never comes', async () => {
    await expect(capture.waitFor({ event_type: 'never.happens' }, { timeoutMs: 50 })).rejects.toThrow(/timed out after 50 ms waiting for 1 event\(s\) matching event_type="never\.happens"/);
  });
});

describe('track()', () => {
  it('never throws and always yields a JSON-serializable event, whatever it is given', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const hostile = {
      circular,
      big: 10n ** 30n,
      sym: Symbol('s'),
      fn: () => 1,
      undef: undefined,
      nan: Number.NaN,
      get explodes(): never {
        throw new Error('getter threw');
      },
      huge: 'x'.repeat(2_000_000),
    };
    const before = capture.events.length;
    const calls: Array<() => void> = [
      () => track('custom.hostile', 'hostile', { metadata: hostile }),
      () => track(undefined as unknown as string, null as unknown as string),
      () => track(Symbol('t') as unknown as string, 'x', 42 as unknown as undefined),
      () => track('custom.ok', 'ok', { actor: { type: 'user', id: 5 as unknown as string } }),
    ];
    for (const call of calls) expect(call).not.toThrow();
    const added = capture.events.slice(before);
    expect(added.length).toBeGreaterThanOrEqual(3);
    for (const e of added) {
      const json = JSON.stringify(e);
      expect(json.length).toBeLessThan(64 * 1024);
    }
    expect(added.find((e) => e.event_type === 'custom.ok')?.actor).toEqual({ type: 'user', id: '5' });
  });

  it('with no active span still gets a trace id of its own', () => {
    track('custom.detached', 'detached');
    const e = capture.find({ event_type: 'custom.detached' });
    expect(e?.correlation.trace_id).toMatch(/^[0-9a-f]{32}$/);
  });
});
