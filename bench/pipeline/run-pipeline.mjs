// Runs the pipeline bench phases in fresh child processes, with the sinks in processes of their
// own, and checks the agent's own counters against what the sink actually received.
import { fileURLToPath } from 'node:url';
import { runToEnd } from '../lib/child-process.mjs';
import { summarize } from '../lib/stats.mjs';
import { startSink } from '../sink/sink-client.mjs';

const script = fileURLToPath(new URL('./pipeline.bench.mjs', import.meta.url));
const cleanEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production' };

async function phase(name, url, amount, timeoutMs) {
  const { stdout } = await runToEnd(process.execPath, ['--expose-gc', script, name, url, String(amount)], { env: cleanEnv, timeoutMs });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`pipeline ${name} printed no result: ${stdout.slice(-2000)}`);
  return JSON.parse(line.slice('RESULT '.length));
}

export async function runPipeline({ rounds = 3, seconds = 10, memoryEvents = 100_000, log = () => {} } = {}) {
  const sink = await startSink('ok', { countEvents: true });
  const hanging = await startSink('hang');
  const throughput = [];
  const memory = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const before = await sink.stats();
      const t = await phase('throughput', sink.url, seconds, (seconds + 60) * 1000);
      const after = await sink.stats();
      t.sink_events_received = after.events - before.events;
      t.sink_undecodable_batches = after.undecodable - before.undecodable;
      throughput.push({ round, ...t });
      log(`pipeline round ${round}/${rounds}: ${Math.round(t.events_per_s)} events/s, end() p50 ${t.span_end_us.p50.toFixed(2)} µs p99 ${t.span_end_us.p99.toFixed(2)} µs, lost ${t.events_lost}`);
      const m = await phase('memory', hanging.url, memoryEvents, 120_000);
      memory.push({ round, ...m });
      log(`memory round ${round}/${rounds}: heap ${m.heap_bytes_per_event.toFixed(1)} B/event + buffers ${m.array_buffer_bytes_per_event.toFixed(1)} B/event`);
    }
  } finally {
    await sink.stop();
    await hanging.stop();
  }
  const pick = (rows, f) => summarize(rows.map(f));
  return {
    settings: { rounds, seconds, memory_events: memoryEvents },
    throughput,
    memory,
    summary: {
      events_per_s: pick(throughput, (r) => r.events_per_s),
      cpu_cores_used: pick(throughput, (r) => r.cpu_cores_used),
      cpu_us_per_event: pick(throughput, (r) => r.cpu_us_per_event),
      events_lost: pick(throughput, (r) => r.events_lost),
      events_missing_at_sink: pick(throughput, (r) => r.events_delivered - r.sink_events_received),
      events_dropped: pick(throughput, (r) => r.events_dropped),
      events_spooled: pick(throughput, (r) => r.events_spooled),
      span_end_p50_us: pick(throughput, (r) => r.span_end_us.p50),
      span_end_p95_us: pick(throughput, (r) => r.span_end_us.p95),
      span_end_p99_us: pick(throughput, (r) => r.span_end_us.p99),
      sdk_span_end_p50_us: pick(throughput, (r) => r.sdk_span_end_us.p50),
      sdk_span_end_p99_us: pick(throughput, (r) => r.sdk_span_end_us.p99),
      heap_bytes_per_event: pick(memory, (r) => r.heap_bytes_per_event),
      array_buffer_bytes_per_event: pick(memory, (r) => r.array_buffer_bytes_per_event),
      memory_bytes_per_event: pick(memory, (r) => r.heap_bytes_per_event + r.array_buffer_bytes_per_event),
    },
  };
}
