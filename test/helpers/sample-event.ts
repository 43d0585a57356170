import type { Platform, UniversalEvent } from '../../src/events/universal-event.js';

export const samplePlatform: Platform = { service: 'shop', environment: 'production', version: '1.4.0', host: 'web-1', sdk: 'ezlogs-node/0.1.0', runtime: 'node/20.20.2' };
export const sampleTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
export const sampleSpanId = '00f067aa0ba902b7';

/** A complete universal event for unit tests; each test overrides what it is about. */
export function sampleEvent(overrides: Partial<UniversalEvent> = {}): UniversalEvent {
  return {
    event_id: 'evt_1',
    timestamp: '2026-11-22T10:30:00.123Z',
    event_type: 'http.request',
    action: 'POST /orders/:id/pay',
    outcome: 'success',
    correlation: { trace_id: sampleTraceId, span_id: sampleSpanId },
    metadata: {},
    platform: samplePlatform,
    ...overrides,
  };
}
