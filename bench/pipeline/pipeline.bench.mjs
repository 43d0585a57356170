// Issue 8, items 2 and 3, in one fresh process per phase:
//   node --expose-gc bench/pipeline/pipeline.bench.mjs throughput <sinkUrl> <seconds>
//   node --expose-gc bench/pipeline/pipeline.bench.mjs memory <hangingSinkUrl> <events>
// Real spans through the real agent (`start()` of dist/index.js): span end -> mapping ->
// redaction -> batching -> gzip -> HTTP. Prints one `RESULT {json}` line.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentiles } from '../lib/stats.mjs';
import { requestSpans } from './span-shapes.mjs';

const require = createRequire(import.meta.url);
const agent = require('../../dist/index.js');
const api = require('@opentelemetry/api');

const tick = () => new Promise((resolve) => setImmediate(resolve));
const spoolDir = mkdtempSync(join(tmpdir(), 'ezlogs-bench-pipeline-'));
// Registered after the agent's own exit hook (start() runs first), so it removes what that hook spooled.
const removeSpool = () => rmSync(spoolDir, { recursive: true, force: true });

/** end() timed with hrtime, into a preallocated array so that recording allocates nothing. */
function createEndTimer(capacity) {
  const samples = new Float64Array(capacity);
  let n = 0;
  return {
    end(span) {
      const t0 = process.hrtime.bigint();
      span.end();
      const dt = process.hrtime.bigint() - t0;
      if (n < capacity) samples[n++] = Number(dt) / 1000;
    },
    samples: () => samples.subarray(0, n),
  };
}

/** The SDK's own span.end() with no processor at all: what any OpenTelemetry setup pays. */
function sdkBaseline(count) {
  const { BasicTracerProvider } = require(require.resolve('@opentelemetry/sdk-trace-base', { paths: [require.resolve('../../dist/agent.js')] }));
  const tracer = new BasicTracerProvider().getTracer('bench-baseline');
  const timer = createEndTimer(count * 2);
  for (let i = 0; i < count; i++) requestSpans(tracer, timer.end);
  return percentiles(timer.samples());
}

async function throughput(sinkUrl, seconds) {
  const baseline = sdkBaseline(50_000);
  await agent.start({ endpoint: `${sinkUrl}/events`, serviceName: 'bench-pipeline', exporters: ['ezlogs'], instrumentations: [], spoolDir });
  process.on('exit', removeSpool);
  const tracer = api.trace.getTracer('bench');
  const window = 5_000; // half the default buffer: the app offers load as fast as delivery drains it
  const timer = createEndTimer(8_000_000);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let requests = 0;
  while (performance.now() - started < seconds * 1000) {
    const h = agent.health();
    const settled = h.events_delivered + h.events_spooled + Object.values(h.events_dropped).reduce((a, b) => a + b, 0);
    if (h.events_created - settled < window) {
      for (let i = 0; i < 250; i++) requestSpans(tracer, timer.end);
      requests += 250;
    }
    await tick();
  }
  const offeredMs = performance.now() - started;
  await agent.flush();
  const elapsedS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const h = agent.health();
  const dropped = Object.values(h.events_dropped).reduce((a, b) => a + b, 0);
  return {
    seconds_offered: offeredMs / 1000,
    seconds_total: elapsedS,
    events_created: h.events_created,
    events_delivered: h.events_delivered,
    events_per_s: h.events_delivered / elapsedS,
    events_dropped: dropped,
    events_dropped_by_reason: h.events_dropped,
    events_spooled: h.events_spooled,
    events_lost: h.events_created - h.events_sampled_out - h.events_delivered - dropped - h.events_spooled - h.queue_size,
    requests_sent: h.total_requests,
    failed_requests: h.failed_requests,
    bytes_sent: h.bytes_sent,
    compression_ratio: h.compression_ratio,
    cpu_cores_used: (cpu.user + cpu.system) / 1000 / (elapsedS * 1000),
    cpu_us_per_event: (cpu.user + cpu.system) / Math.max(1, h.events_delivered),
    span_end_us: percentiles(timer.samples()),
    sdk_span_end_us: baseline,
    spans: requests * 2,
  };
}

async function memory(hangingSinkUrl, count) {
  await agent.start({ endpoint: `${hangingSinkUrl}/events`, serviceName: 'bench-pipeline', exporters: ['ezlogs'], instrumentations: [], spoolDir, bufferSize: count * 2, timeoutMs: 600_000 });
  process.on('exit', removeSpool);
  const tracer = api.trace.getTracer('bench');
  const untimed = { end: (span) => span.end() };
  for (let i = 0; i < 500; i++) requestSpans(tracer, untimed.end); // warm every code path first
  await new Promise((resolve) => setTimeout(resolve, 200));
  globalThis.gc();
  const queuedBefore = agent.health().queue_size;
  const before = process.memoryUsage();
  for (let i = 0; i < count / 2; i += 250) {
    for (let j = 0; j < 250; j++) requestSpans(tracer, untimed.end);
    await tick();
  }
  const deadline = performance.now() + 10_000;
  while (agent.health().queue_size - queuedBefore < count && performance.now() < deadline) await tick();
  await new Promise((resolve) => setTimeout(resolve, 500));
  globalThis.gc();
  const after = process.memoryUsage();
  const h = agent.health();
  const buffered = h.queue_size - queuedBefore;
  return {
    events_offered: count,
    events_buffered: buffered,
    events_spooled: h.events_spooled,
    heap_bytes_per_event: (after.heapUsed - before.heapUsed) / buffered,
    array_buffer_bytes_per_event: (after.arrayBuffers - before.arrayBuffers) / buffered,
    rss_bytes_per_event: (after.rss - before.rss) / buffered,
  };
}

const [phase, url, amount] = process.argv.slice(2);
if (typeof globalThis.gc !== 'function') {
  process.stderr.write('run with node --expose-gc\n');
  process.exit(2);
}
const result = phase === 'memory' ? await memory(url, Number(amount ?? 100_000)) : await throughput(url, Number(amount ?? 10));
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
process.exit(0);
