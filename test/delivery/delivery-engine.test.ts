import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { createDeliveryEngine, type DeliveryEngine, type DeliveryEngineDeps } from '../../src/delivery/delivery-engine.js';
import { makeEvent, waitFor } from './helpers/make-event.js';
import { startScriptedReceiver, type ScriptedReceiver } from './helpers/scripted-receiver.js';
import { testConfig } from './helpers/test-config.js';

let receiver: ScriptedReceiver;
let engine: DeliveryEngine | undefined;

afterEach(async () => {
  await engine?.shutdown();
  engine = undefined;
  await receiver?.close();
});

async function setup(options: Partial<Config> = {}, deps: DeliveryEngineDeps = {}) {
  receiver = await startScriptedReceiver();
  const config = testConfig({ endpoint: receiver.url, ...options });
  engine = createDeliveryEngine(config, { retryBaseMs: 20, retryMaxMs: 200, ...deps });
  return { engine, config };
}

function acceptMany(target: DeliveryEngine, n: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const event = makeEvent();
    ids.push(event.event_id);
    target.accept(event);
  }
  return ids;
}

describe('delivery engine, wire format', () => {
  it('POSTs batches cut by count with the headers of SPEC section 4', async () => {
    const { engine } = await setup({ batchSize: 10, apiKey: 'k-123' });
    const ids = acceptMany(engine, 25);
    await waitFor(() => engine.health().events_delivered === 25);
    expect(new Set(ids)).toEqual(receiver.delivered);
    const first = receiver.requests[0];
    expect(first?.items.length).toBe(10);
    expect(first?.headers['content-type']).toBe('application/json');
    expect(first?.headers['content-encoding']).toBe('gzip');
    expect(first?.headers['x-api-key']).toBe('k-123');
    expect(first?.headers['user-agent']).toBe('ezlogs-node/0.1.0');
    expect(first?.batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(engine.health().events_delivered).toBe(25);
    expect(engine.health().compression_ratio).toBeGreaterThan(2);
  });

  it('sends a partial batch once the flush interval has passed', async () => {
    const { engine } = await setup({ batchSize: 500, flushIntervalMs: 50 });
    const started = performance.now();
    acceptMany(engine, 3);
    await waitFor(() => receiver.delivered.size === 3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it.each([10, 64, 100])('sends a full batch of %i at once, without waiting for the flush interval', async (batchSize) => {
    const { engine } = await setup({ batchSize, flushIntervalMs: 60_000 });
    acceptMany(engine, batchSize);
    await waitFor(() => receiver.delivered.size === batchSize, 5_000, `a batch of ${batchSize} before the 60 s flush interval`);
    expect(receiver.requests).toHaveLength(1);
  });

  it('under a steady trickle, sends one batch per flush interval, not one per event', async () => {
    const { engine } = await setup({ batchSize: 500, flushIntervalMs: 100 });
    // An event every 5 ms for 600 ms: each in a turn of the event loop of its own.
    for (let i = 0; i < 120; i++) {
      acceptMany(engine, 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(() => receiver.delivered.size === 120);
    expect(receiver.requests.length).toBeGreaterThanOrEqual(3);
    expect(receiver.requests.length).toBeLessThanOrEqual(12);
  });

  it('leaves small bodies uncompressed and never compresses with compression none', async () => {
    const { engine } = await setup({ compression: 'none' });
    acceptMany(engine, 60);
    await engine.flush();
    expect(receiver.requests.every((r) => r.headers['content-encoding'] === undefined)).toBe(true);
    expect(receiver.delivered.size).toBe(60);
  });

  it('cuts batches by bytes as well as by count', async () => {
    const { engine } = await setup({ batchSize: 1000 }, { maxBatchBytes: 8_000 });
    acceptMany(engine, 100);
    await engine.flush();
    expect(receiver.delivered.size).toBe(100);
    expect(receiver.requests.length).toBeGreaterThanOrEqual(7);
    expect(receiver.requests.every((r) => r.items.length < 20)).toBe(true);
  });

  it('speaks the Log Ingestion Service API with format log-ingestion', async () => {
    const { engine } = await setup({ format: 'log-ingestion' });
    const ids = acceptMany(engine, 5);
    await engine.flush();
    expect(receiver.requests[0]?.path).toBe('/api/v1/logs/batch');
    const entry = receiver.requests[0]?.items[0] as Record<string, unknown>;
    expect(entry).toMatchObject({ service: 'shop', level: 'INFO', message: 'http.request POST /orders/:id/pay' });
    expect(new Set(ids)).toEqual(receiver.delivered);
  });

  it('counts events the receiver reports as rejected instead of resending them', async () => {
    const { engine } = await setup();
    receiver.setScript(() => ({ status: 200, body: '{"accepted":8,"duplicates":0,"rejected":[{"index":0,"error":"x"},{"index":3,"error":"y"}]}' }));
    acceptMany(engine, 10);
    await engine.flush();
    expect(engine.health().events_dropped).toEqual({ rejected_by_receiver: 2 });
    expect(engine.health().events_delivered).toBe(8);
    expect(receiver.requests.length).toBe(1);
  });

  it('drops an event that cannot be serialized and counts it, without throwing into the caller', async () => {
    const { engine } = await setup();
    const bad = makeEvent({ metadata: { big: 10n } });
    expect(() => engine.accept(bad)).not.toThrow();
    acceptMany(engine, 2);
    await engine.flush();
    expect(engine.health().events_dropped).toEqual({ unserializable: 1 });
    expect(receiver.delivered.size).toBe(2);
  });
});

describe('delivery engine, failures', () => {
  it('retries 503s with growing backoff and loses nothing', async () => {
    const { engine } = await setup({ circuitThreshold: 100 }, { random: () => 0.99, retryMaxMs: 10_000 });
    receiver.setScript((_r, i) => (i < 4 ? { status: 503 } : { status: 200 }));
    const ids = acceptMany(engine, 10);
    await waitFor(() => engine.health().events_delivered === 10);
    expect(new Set(ids)).toEqual(receiver.delivered);
    // Full jitter at random 0.99 of a ceiling doubling from 20 ms: each wait is at least 19, 39, 79, 158 ms.
    const gaps = receiver.requests.slice(1, 5).map((r, i) => r.at - (receiver.requests[i]?.at ?? 0));
    [19, 39, 79, 158].forEach((floor, i) => expect(gaps[i]).toBeGreaterThanOrEqual(floor - 2));
    expect(new Set(receiver.requests.map((r) => r.batchId)).size).toBe(1);
    expect(engine.health()).toMatchObject({ retries: 4, failed_requests: 4, successful_requests: 1, total_requests: 5 });
    expect(engine.health().last_error).toBe('HTTP 503');
  });

  it('waits out a 429 Retry-After before any further request', async () => {
    const { engine } = await setup();
    receiver.setScript((_r, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    acceptMany(engine, 5);
    await waitFor(() => receiver.delivered.size === 5);
    const [first, second] = receiver.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it('retries a connection reset with the same batch id', async () => {
    const { engine } = await setup();
    receiver.setScript((_r, i) => (i < 2 ? { reset: true } : { status: 200 }));
    const ids = acceptMany(engine, 10);
    await waitFor(() => receiver.delivered.size === 10);
    expect(new Set(ids)).toEqual(receiver.delivered);
    expect(new Set(receiver.requests.map((r) => r.batchId)).size).toBe(1);
  });

  it('gives up on a hanging response at the request deadline and retries', async () => {
    const { engine } = await setup({ timeoutMs: 200 });
    receiver.setScript((_r, i) => (i === 0 ? { hang: true } : { status: 200 }));
    acceptMany(engine, 10);
    await waitFor(() => receiver.delivered.size === 10);
    const [first, second] = receiver.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(190);
    expect(engine.health().last_error).toBe('ETIMEDOUT');
  });

  it('delivers through slow responses without retrying them', async () => {
    const { engine } = await setup({ timeoutMs: 1_000, batchSize: 10 });
    receiver.setScript(() => ({ status: 200, delayMs: 150 }));
    acceptMany(engine, 40);
    await waitFor(() => engine.health().events_delivered === 40);
    expect(receiver.requests.length).toBe(4);
    expect(engine.health().avg_response_ms).toBeGreaterThanOrEqual(140);
  });

  it('splits a batch in halves on 413 until it fits', async () => {
    const { engine } = await setup({ batchSize: 40 });
    receiver.setScript((r) => (r.items.length > 10 ? { status: 413 } : { status: 200 }));
    const ids = acceptMany(engine, 40);
    await waitFor(() => receiver.delivered.size === 40);
    expect(new Set(ids)).toEqual(receiver.delivered);
    expect(receiver.requests.filter((r) => r.items.length <= 10).length).toBe(4);
  });

  it('drops a batch the endpoint calls bad (400) with a counter, and goes on', async () => {
    const { engine } = await setup({ batchSize: 10 });
    receiver.setScript((_r, i) => (i === 0 ? { status: 400 } : { status: 200 }));
    acceptMany(engine, 10);
    await engine.flush();
    acceptMany(engine, 10);
    await engine.flush();
    expect(engine.health().events_dropped).toEqual({ rejected_400: 10 });
    expect(receiver.delivered.size).toBe(10);
    expect(receiver.requests.length).toBe(2);
  });

  it('keeps the data on 401, opens the breaker and delivers once the key is accepted', async () => {
    const { engine, config } = await setup({ circuitTimeoutMs: 200 });
    let authorized = false;
    receiver.setScript(() => (authorized ? { status: 200 } : { status: 401 }));
    const ids = acceptMany(engine, 30);
    await waitFor(() => engine.health().events_spooled === 30, 5_000, 'spooled');
    expect(engine.health().circuit_state).not.toBe('closed');
    expect(readdirSync(config.spoolDir).filter((f) => f.endsWith('.ezb')).length).toBeGreaterThan(0);
    authorized = true;
    await waitFor(() => engine.health().events_replayed === 30, 5_000, 'replay');
    expect(new Set(ids)).toEqual(receiver.delivered);
    expect(engine.health().events_replayed).toBe(30);
  });
});

describe('delivery engine, circuit breaker', () => {
  it('opens after the threshold, probes one request at a time, and replays the spool on recovery', async () => {
    const { engine } = await setup({ circuitThreshold: 3, circuitTimeoutMs: 300, batchSize: 10, maxConnections: 4 });
    let down = true;
    receiver.setScript(() => (down ? { status: 503 } : { status: 200 }));
    const ids = acceptMany(engine, 100);
    await waitFor(() => engine.health().circuit_state === 'open', 5_000, 'open');
    await new Promise((resolve) => setTimeout(resolve, 50)); // requests already in flight settle
    const beforeOpen = receiver.requests.length;
    const lastFailureAt = receiver.requests[beforeOpen - 1]?.at ?? 0;
    await waitFor(() => engine.health().queue_size === 0, 5_000, 'all spooled');
    await new Promise((resolve) => setTimeout(resolve, 750));
    const probes = receiver.requests.slice(beforeOpen);
    expect(probes.length).toBeGreaterThanOrEqual(1);
    expect(probes.length).toBeLessThanOrEqual(3);
    expect((probes[0]?.at ?? 0) - lastFailureAt).toBeGreaterThanOrEqual(250);
    // Each half-open probe goes alone, a full timeout after the previous one failed.
    for (let i = 1; i < probes.length; i++) expect((probes[i]?.at ?? 0) - (probes[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(250);
    down = false;
    await waitFor(() => engine.health().events_delivered === 100, 10_000, 'recovery');
    expect(new Set(ids)).toEqual(receiver.delivered);
    expect(engine.health().circuit_state).toBe('closed');
    expect(engine.health().events_dropped).toEqual({});
  });
});

describe('delivery engine, shutdown and memory', () => {
  it('delivers everything buffered on shutdown when the endpoint is up', async () => {
    const { engine } = await setup({ batchSize: 500, flushIntervalMs: 60_000 });
    const ids = acceptMany(engine, 120);
    await engine.shutdown();
    expect(new Set(ids)).toEqual(receiver.delivered);
  });

  it('spools what it cannot deliver by the shutdown deadline, and returns on time', async () => {
    const { engine, config } = await setup({ shutdownTimeoutMs: 300, timeoutMs: 5_000, batchSize: 20 });
    receiver.setScript(() => ({ hang: true }));
    acceptMany(engine, 100);
    const started = performance.now();
    await engine.shutdown();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(engine.health().events_spooled).toBe(100);
    expect(engine.health().queue_size).toBe(0);
    const replayer = createDeliveryEngine(testConfig({ endpoint: receiver.url, spoolDir: config.spoolDir }), { replayCheckMs: 50 });
    receiver.setScript(() => ({ status: 200 }));
    await waitFor(() => receiver.delivered.size === 100, 10_000, 'replay after restart');
    await replayer.shutdown();
  });

  it('answers accept in microseconds and keeps memory bounded while the endpoint hangs', async () => {
    const { engine } = await setup({ batchSize: 500, bufferSize: 5_000, timeoutMs: 30_000, maxConnections: 2 });
    receiver.setScript(() => ({ hang: true }));
    const total = 20_000;
    const perAcceptUs: number[] = [];
    for (let i = 0; i < total; i += 500) {
      const events = Array.from({ length: 500 }, () => makeEvent());
      const started = performance.now();
      for (const event of events) engine.accept(event);
      perAcceptUs.push(((performance.now() - started) * 1000) / 500);
      await new Promise((resolve) => setImmediate(resolve));
    }
    perAcceptUs.sort((a, b) => a - b);
    await waitFor(() => engine.health().queue_size <= 5_000 && engine.health().events_spooled > 0, 10_000, 'overflow spooled');
    const health = engine.health();
    expect(perAcceptUs[Math.floor(perAcceptUs.length / 2)]).toBeLessThan(5); // median µs per accept
    expect(health.queue_size).toBeLessThanOrEqual(5_000);
    expect(health.events_spooled + health.queue_size).toBe(total);
  });
});
