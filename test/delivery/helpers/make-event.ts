import { randomBytes } from 'node:crypto';
import type { UniversalEvent } from '../../../src/events/universal-event.js';

let counter = 0;

/** A realistic universal event (about 500 bytes serialized) with a unique event_id. */
export function makeEvent(overrides: Partial<UniversalEvent> = {}): UniversalEvent {
  counter += 1;
  return {
    event_id: `evt_${randomBytes(10).toString('hex')}_${counter}`,
    timestamp: new Date(1_700_000_000_000 + counter).toISOString(),
    event_type: 'http.request',
    action: 'POST /orders/:id/pay',
    outcome: 'success',
    actor: { type: 'user', id: String(counter % 97) },
    correlation: { trace_id: randomBytes(16).toString('hex'), span_id: randomBytes(8).toString('hex'), request_id: `req_${counter}` },
    metadata: { duration_ms: 12.41, status_code: 201, method: 'POST', route: '/orders/:id/pay', url: '/orders/456/pay?x=1' },
    platform: { service: 'shop', environment: 'test', host: 'web-1', sdk: 'ezlogs-node/0.1.0', runtime: 'node/20.20.2' },
    ...overrides,
  };
}

export async function waitFor(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
