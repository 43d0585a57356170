// Delivery engine micro benchmark (issue 3):
//   1. throughput: events/s through batch + JSON + gzip + HTTP (undici pool) to a loopback sink in another process;
//   2. memory: heap (and Buffer) bytes per buffered event while the endpoint accepts connections but never answers.
// Runs the compiled engine: `npx tsc -p tsconfig.build.json && node --expose-gc bench/micro/delivery.bench.mjs`.
// BENCH_SECONDS (default 10) sets the throughput run; BENCH_EVENTS (default 100000) the memory run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { createDeliveryEngine } = require('../../dist/delivery/delivery-engine.js');
const { resolveConfig } = require('../../dist/config/resolve-config.js');

async function main() {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const memoryEvents = Number(process.env.BENCH_EVENTS ?? 100_000);
  const throughput = await measureThroughput(seconds);
  const memory = await measureMemory(memoryEvents);
  const result = { node: process.version, ...throughput, ...memory };
  console.log(JSON.stringify(result, null, 2));
}

/** The sink lives in its own process so that the exporter has this one's core to itself. */
function startSink(mode) {
  const source = `
    const http = require('node:http');
    const server = http.createServer((req, res) => {
      if (${JSON.stringify(mode)} === 'hang') { req.resume(); return; }
      let n = 0; req.on('data', (c) => (n += c.length));
      req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"accepted":0}'); });
    });
    server.keepAliveTimeout = 60000;
    server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));`;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout.once('data', (d) => resolve({ child, url: `http://127.0.0.1:${String(d).trim()}/events` })));
}

function configFor(url, options) {
  return resolveConfig({ options: { endpoint: url, serviceName: 'bench', spoolDir: mkdtempSync(join(tmpdir(), 'ezlogs-bench-')), ...options }, env: {}, appPackage: { name: 'bench' } }).config;
}

let seq = 0;
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
/** A typical ~450-byte http.request event; ids differ per event as they would in production. */
function event() {
  seq += 1;
  return {
    event_id: `evt_01JD2Q4T6Y8K3M5N${seq.toString(36).padStart(10, '0')}`,
    timestamp: new Date(1_764_000_000_000 + seq).toISOString(),
    event_type: 'http.request', action: 'POST /orders/:id/pay', outcome: 'success',
    actor: { type: 'user', id: String(seq % 1000) },
    correlation: { trace_id: traceId, span_id: seq.toString(16).padStart(16, '0'), request_id: `req_${seq}` },
    metadata: { duration_ms: 12.41, status_code: 201, method: 'POST', route: '/orders/:id/pay', url: '/orders/456/pay' },
    platform: { service: 'shop', environment: 'production', version: '1.4.0', host: 'web-1', sdk: 'ezlogs-node/0.1.0', runtime: 'node/20.20.2' },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function measureThroughput(seconds) {
  const sink = await startSink('ok');
  const config = configFor(sink.url, { batchSize: 1000, flushIntervalMs: 100, bufferSize: 50_000, maxConnections: 4 });
  const engine = createDeliveryEngine(config);
  const loopDelays = [];
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    loopDelays.push(now - last - 5);
    last = now;
  }, 5);
  const started = performance.now();
  let accepted = 0;
  while (performance.now() - started < seconds * 1000) {
    // Offer load as fast as the engine drains it: keep about 20k events in flight.
    if (accepted - engine.health().events_delivered < 20_000) {
      for (let i = 0; i < 1000; i++) engine.accept(event());
      accepted += 1000;
    }
    await tick();
  }
  await engine.flush();
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(probe);
  const health = engine.health();
  await engine.shutdown();
  sink.child.kill();
  loopDelays.sort((a, b) => a - b);
  return {
    throughput_events_per_s: Math.round(health.events_delivered / elapsed),
    throughput_seconds: Math.round(elapsed * 10) / 10,
    events_delivered: health.events_delivered,
    events_lost: accepted - health.events_delivered - Object.values(health.events_dropped).reduce((a, b) => a + b, 0) - health.events_spooled,
    compression_ratio: health.compression_ratio,
    requests: health.total_requests,
    event_loop_delay_p99_ms: Math.round(Math.max(0, loopDelays[Math.floor(loopDelays.length * 0.99)] ?? 0) * 100) / 100,
  };
}

async function measureMemory(count) {
  const sink = await startSink('hang');
  const config = configFor(sink.url, { batchSize: 500, flushIntervalMs: 50, bufferSize: count * 2, timeoutMs: 600_000, maxConnections: 4 });
  const engine = createDeliveryEngine(config);
  globalThis.gc();
  const before = process.memoryUsage();
  for (let i = 0; i < count; i += 500) {
    for (let j = 0; j < 500; j++) engine.accept(event());
    await tick();
  }
  while (engine.health().queue_size < count) await tick();
  await new Promise((resolve) => setTimeout(resolve, 500));
  globalThis.gc();
  const after = process.memoryUsage();
  const buffered = engine.health().queue_size;
  const heapPerEvent = (after.heapUsed - before.heapUsed) / buffered;
  const buffersPerEvent = (after.arrayBuffers - before.arrayBuffers) / buffered;
  engine.exitSync(); // do not wait out the hanging requests
  rmSync(config.spoolDir, { recursive: true, force: true });
  sink.child.kill();
  return {
    memory_buffered_events: buffered,
    memory_heap_bytes_per_event: Math.round(heapPerEvent),
    memory_buffer_bytes_per_event: Math.round(buffersPerEvent),
    memory_total_bytes_per_event: Math.round(heapPerEvent + buffersPerEvent),
  };
}

if (typeof globalThis.gc !== 'function') {
  const child = spawn(process.execPath, ['--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await main();
}
