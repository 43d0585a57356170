// The results as markdown: what `npm run bench` prints and what goes into the README.
import { formatNumber, formatPercent, formatSummary, formatTable, formatVerdict } from '../lib/format-table.mjs';
import { evaluateTargets } from './targets.mjs';

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const hostLabels = { none: 'no agent', vanilla: 'vanilla OpenTelemetry', ezlogs: '@ezlogs/node', 'ezlogs-exporter-none': '@ezlogs/node, EZLOGS_EXPORTER=none', 'ezlogs-down': '@ezlogs/node, endpoint down', 'ezlogs-hanging': '@ezlogs/node, endpoint hanging' };

export function machineLine(machine) {
  if (!machine) return '';
  return `Measured ${machine.date.slice(0, 10)} on ${machine.cpu_count} × ${machine.cpu_model}, ${machine.memory_gib} GiB, ${machine.platform}, Node ${machine.node} (load average at start ${machine.load_average_at_start.join(' ')}).`;
}

export function hostTable(host) {
  const rows = Object.entries(host.summary).map(([name, s]) => {
    const o = host.overhead_vs_none[name];
    return [
      hostLabels[name] ?? name,
      formatSummary(s.req_per_s),
      o ? formatPercent(-o.req_per_s.median) : '',
      formatSummary(s.latency_p50_ms, 0),
      formatSummary(s.latency_p99_ms, 0),
      formatSummary(s.cpu_us_per_request),
      formatSummary(s.rss_mib, 0),
    ];
  });
  const settings = `${plural(host.settings.rounds, 'interleaved round')} of ${host.settings.duration_seconds} s (after ${host.settings.warmup_seconds} s warm-up), autocannon with ${host.settings.connections} connections on loopback; median (min–max).`;
  return `${settings}\n\n${formatTable(['configuration', 'req/s', 'req/s vs no agent', 'p50 ms', 'p99 ms', 'CPU µs/req', 'RSS MiB'], rows)}`;
}

export function pipelineTable(pipeline) {
  const s = pipeline.summary;
  const rows = [
    ['events/s delivered (gzip + redaction on)', formatSummary(s.events_per_s)],
    ['CPU of the app process (cores)', formatSummary(s.cpu_cores_used, 2)],
    ['CPU per event (µs, all threads)', formatSummary(s.cpu_us_per_event, 1)],
    ['events lost / dropped / spooled', `${formatNumber(s.events_lost.max)} / ${formatNumber(s.events_dropped.max)} / ${formatNumber(s.events_spooled.max)}`],
    ['delivered but missing at the sink', formatNumber(s.events_missing_at_sink.max)],
    ['span.end() p50 / p95 / p99 (µs)', `${formatNumber(s.span_end_p50_us.median, 2)} / ${formatNumber(s.span_end_p95_us.median, 2)} / ${formatNumber(s.span_end_p99_us.median, 2)}`],
    ['same, SDK without any processor (µs)', `${formatNumber(s.sdk_span_end_p50_us.median, 2)} / - / ${formatNumber(s.sdk_span_end_p99_us.median, 2)}`],
    ['heap + buffer bytes per buffered event (endpoint hanging)', `${formatSummary(s.memory_bytes_per_event)} (heap ${formatNumber(s.heap_bytes_per_event.median)}, buffers ${formatNumber(s.array_buffer_bytes_per_event.median)})`],
  ];
  const settings = `${plural(pipeline.settings.rounds, 'round')}; ${pipeline.settings.seconds} s sustained per round, ${formatNumber(pipeline.settings.memory_events)} events for memory; default batch/buffer settings.`;
  return `${settings}\n\n${formatTable(['measure', 'value'], rows)}`;
}

export function startupTable(startup) {
  const isBare = (name) => (startup.configurations ? startup.configurations[name]?.baseline === null : name === 'bare');
  const rows = Object.entries(startup.summary).map(([name, s]) => [
    name,
    formatSummary(s.wall_ms, 0),
    isBare(name) ? '' : `+${formatNumber(s.added_wall_ms.median, 0)}`,
    formatSummary(s.peak_rss_mib, 1),
    isBare(name) ? '' : `+${formatNumber(s.added_peak_rss_mib.median, 1)}`,
  ]);
  const apps = 'the apps of bench/startup/: `app.cjs` (loads node:http and node:https, then exits; issue 10\'s measure), `app.mjs` (the same as an ES module: `esm-*`), `one-request.cjs` (serves one request to itself, then exits: `one-request-*`)';
  return `${plural(startup.settings.rounds, 'interleaved run')} each of ${apps}; median (min–max), added = paired against the bare run of the same app in the same round.\n\n${formatTable(['configuration', 'wall ms', 'added ms', 'peak RSS MiB', 'added MiB'], rows)}`;
}

export function footprintTable(footprint) {
  const row = (label, f) => [label, formatNumber(f.disk_bytes / 1e6, 1), formatNumber(f.apparent_bytes / 1e6, 1), String(f.top_level_packages), String(f.all_packages)];
  return formatTable(['npm i into an empty folder', 'disk MB', 'apparent MB', 'top-level packages', 'all packages'], [row('@ezlogs/node (packed tarball)', footprint.ezlogs), row(footprint.vanilla.spec, footprint.vanilla)]);
}

export function targetsTable(results) {
  return formatTable(['target', 'measured', 'verdict'], evaluateTargets(results).map((t) => [t.target, t.measured, formatVerdict(t.met)]));
}

/** Every section for the suites that ran, with the machine line first. */
export function renderResults(results) {
  const parts = [machineLine(results.machine)];
  parts.push('#### Targets', targetsTable(results));
  if (results.host) parts.push('#### Host overhead (service: node:http + one Postgres query per request)', hostTable(results.host));
  if (results.pipeline) parts.push('#### Pipeline (span end -> mapping -> redaction -> batching -> gzip -> HTTP)', pipelineTable(results.pipeline));
  if (results.startup) parts.push(`#### Start-up (Node ${results.startup.settings.node ?? results.machine?.node ?? ''})`, startupTable(results.startup));
  if (results.startup_other_node) parts.push(`#### Start-up on Node ${results.startup_other_node.settings.node}`, startupTable(results.startup_other_node));
  if (results.footprint) parts.push('#### Install footprint', footprintTable(results.footprint));
  return parts.filter(Boolean).join('\n\n');
}
