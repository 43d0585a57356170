import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { UniversalEvent } from '../../src/events/universal-event.js';

export const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** A well-formed universal event; override any field. */
export function sampleEvent(overrides: Partial<UniversalEvent> = {}): UniversalEvent {
  return {
    event_id: `evt_${hex(12)}`,
    timestamp: new Date().toISOString(),
    event_type: 'http.request',
    action: 'GET /orders/:id',
    outcome: 'success',
    correlation: { trace_id: hex(16), span_id: hex(8) },
    metadata: { duration_ms: 3.2, status_code: 200 },
    platform: { service: 'shop', environment: 'test', host: 'h', sdk: 'ezlogs-node/0.1.0', runtime: 'node/20' },
    ...overrides,
  };
}

export interface Posted {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

/** POSTs a body (JSON-encoded unless already a string/Buffer) over real HTTP. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}, gzip = false): Promise<Posted> {
  let payload: string | Buffer = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const h: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (gzip) {
    payload = gzipSync(payload);
    h['content-encoding'] = 'gzip';
  }
  const res = await fetch(url, { method: 'POST', body: payload, headers: h, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
