// The targets of issues 8 and 10, judged from a results object: each says what was measured
// and whether it was met; a suite that did not run yields no verdict, never a pass.

const pct = (f) => `${(f * 100).toFixed(1)}%`;

export function evaluateTargets(results) {
  const out = [];
  const host = results.host;
  if (host) {
    const ours = host.overhead_vs_none.ezlogs?.req_per_s.median;
    const theirs = host.overhead_vs_none.vanilla?.req_per_s.median;
    if (ours !== undefined && theirs !== undefined) {
      out.push({ target: 'host req/s overhead <= half of vanilla OpenTelemetry’s', measured: `ezlogs ${pct(ours)}, vanilla ${pct(theirs)}`, met: ours <= Math.max(0, theirs) / 2 });
    }
    for (const fault of ['ezlogs-down', 'ezlogs-hanging']) {
      const f = host.fault_vs_healthy[fault];
      if (!f) continue;
      const loss = f.req_per_s.median;
      const p99 = f.latency_p99_ratio.median;
      out.push({ target: `${fault}: req/s within 5% and p99 within 1.5x of healthy`, measured: `req/s ${loss > 0 ? '−' : '+'}${pct(Math.abs(loss))}, p99 ${p99.toFixed(2)}x`, met: loss <= 0.05 && p99 <= 1.5 });
    }
  }
  const pipeline = results.pipeline?.summary;
  if (pipeline) {
    const rate = pipeline.events_per_s.median;
    const lost = pipeline.events_lost.max + Math.max(0, pipeline.events_missing_at_sink.max) + pipeline.events_dropped.max;
    out.push({ target: 'pipeline >= 100,000 events/s, none lost while the sink keeps up', measured: `${Math.round(rate).toLocaleString('en-US')} events/s, ${lost} lost or dropped`, met: rate >= 100_000 && lost === 0 });
    const p50 = pipeline.span_end_p50_us.median;
    const p99 = pipeline.span_end_p99_us.median;
    out.push({ target: 'added cost per span: p50 <= 10 µs, p99 <= 25 µs', measured: `p50 ${p50.toFixed(2)} µs, p99 ${p99.toFixed(2)} µs`, met: p50 <= 10 && p99 <= 25 });
    const bytes = pipeline.memory_bytes_per_event.median;
    out.push({ target: '<= 250 bytes of heap per buffered event (heap + buffers)', measured: `${bytes.toFixed(0)} B/event`, met: bytes <= 250 });
  }
  const startup = results.startup?.summary;
  if (startup?.ezlogs && startup.vanilla) {
    const ms = startup.ezlogs.added_wall_ms.median;
    const vms = startup.vanilla.added_wall_ms.median;
    const rss = startup.ezlogs.added_peak_rss_mib.median;
    const vrss = startup.vanilla.added_peak_rss_mib.median;
    out.push({ target: 'start-up adds <= 1/4 of vanilla’s wall time', measured: `+${ms.toFixed(0)} ms vs +${vms.toFixed(0)} ms`, met: ms <= vms / 4 });
    out.push({ target: 'start-up adds <= 1/4 of vanilla’s peak RSS', measured: `+${rss.toFixed(1)} MiB vs +${vrss.toFixed(1)} MiB`, met: rss <= vrss / 4 });
  }
  const footprint = results.footprint;
  if (footprint) {
    out.push({ target: 'install footprint <= half of vanilla’s', measured: `${(footprint.ezlogs.disk_bytes / 1e6).toFixed(1)} MB vs ${(footprint.vanilla.disk_bytes / 1e6).toFixed(1)} MB`, met: footprint.ezlogs.disk_bytes <= footprint.vanilla.disk_bytes / 2 });
  }
  return out;
}
