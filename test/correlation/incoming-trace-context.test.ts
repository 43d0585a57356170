import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type * as Http from 'node:http';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shutdown, start } from '../../src/index.js';
import { captureEvents, type EventCapture } from '../../src/testing/index.js';

// The agent in-process, as under --import, with node:http loaded after it started.
const http = createRequire(import.meta.url)('node:http') as typeof Http;
const upstreamTrace = '0af7651916cd43dd8448eb211c80319c';
const upstreamSpan = 'b7ad6b7169203331';

let capture: EventCapture;
let downstream: Http.Server;
let downstreamPort: number;
let app: Http.Server;
let appPort: number;
const seenDownstream: string[] = [];

const listen = async (server: Http.Server): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

/**
 * GET on the app with the given headers; resolves with the status once the body is read. The
 * test's own call is instrumented too (same process): suppressed, so it sends exactly these.
 */
const get = (path: string, headers: Record<string, string>): Promise<number | undefined> =>
  new Promise((resolve, reject) => {
    context.with(suppressTracing(context.active()), () => {
      http.get({ host: '127.0.0.1', port: appPort, path, headers }, (res) => res.resume().on('end', () => resolve(res.statusCode))).on('error', reject);
    });
  });

beforeAll(async () => {
  await start({ exporters: ['none'], serviceName: 'trace-context-test' });
  capture = captureEvents();
  downstream = http.createServer((req, res) => {
    seenDownstream.push(String(req.headers.traceparent));
    res.end('ok');
  });
  downstreamPort = await listen(downstream);
  // The app calls a downstream service inside each request, as a real one would.
  app = http.createServer((_req, res) => {
    http.get({ host: '127.0.0.1', port: downstreamPort, path: '/inner' }, (inner) => inner.resume().on('end', () => res.end('done')));
  });
  appPort = await listen(app);
});

afterAll(async () => {
  app.close();
  downstream.close();
  await shutdown();
});

describe('an incoming W3C trace context', () => {
  it.each([
    ['sampled', '01'],
    ['not sampled', '00'],
  ])('upstream %s: the request and its outgoing call are events of the upstream trace, and the flag goes on unchanged', async (_label, flags) => {
    const path = `/flags-${flags}`;
    capture.clear();
    seenDownstream.length = 0;
    expect(await get(path, { traceparent: `00-${upstreamTrace}-${upstreamSpan}-${flags}` })).toBe(200);
    const request = await capture.waitFor((e) => e.event_type === 'http.request' && e.metadata.url === path);
    const outgoing = await capture.waitFor({ event_type: 'http.client' });
    expect(request.correlation.trace_id).toBe(upstreamTrace);
    expect(request.correlation.parent_span_id).toBe(upstreamSpan);
    expect(outgoing.correlation.trace_id).toBe(upstreamTrace);
    expect(outgoing.correlation.parent_span_id).toBe(request.correlation.span_id);
    expect(outgoing.correlation.request_id).toBe(request.correlation.request_id);
    expect(seenDownstream).toEqual([`00-${upstreamTrace}-${outgoing.correlation.span_id}-${flags}`]);
  });

  it('without one, starts a new sampled trace', async () => {
    capture.clear();
    seenDownstream.length = 0;
    expect(await get('/fresh', {})).toBe(200);
    const request = await capture.waitFor((e) => e.event_type === 'http.request' && e.metadata.url === '/fresh');
    expect(request.correlation.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(request.correlation.trace_id).not.toBe(upstreamTrace);
    expect(request.correlation.parent_span_id).toBeUndefined();
    expect(seenDownstream[0]).toMatch(new RegExp(`^00-${request.correlation.trace_id}-[0-9a-f]{16}-01$`));
  });
});
