// Issue 8, items 1 and 4: the service under a fixed closed-loop load (autocannon, its own
// process) with no agent, vanilla OpenTelemetry and @ezlogs/node, plus @ezlogs/node with its
// endpoint down and hanging. Rounds are interleaved (A B C D E A B C D E ...) so that drift in
// the machine's load spreads over every configuration alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runToEnd, spawnReady, stopChild } from '../lib/child-process.mjs';
import { readProcessUsage } from '../lib/proc-usage.mjs';
import { overhead, summarize } from '../lib/stats.mjs';
import { databaseUrl, prepareDatabase } from '../service/prepare-database.mjs';
import { startSink } from '../sink/sink-client.mjs';
import { configurationLaunch, configurationNames, sharedEnv } from './configurations.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const servicePath = fileURLToPath(new URL('../service/service.cjs', import.meta.url));
const autocannon = join(repoRoot, 'node_modules/autocannon/autocannon.js');

/** A loopback port nothing listens on: bound once by us, then released. */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function load(port, seconds, connections) {
  const { stdout } = await runToEnd(process.execPath, [autocannon, '-c', String(connections), '-d', String(seconds), '-j', `http://127.0.0.1:${port}/items/42`], {
    timeoutMs: (seconds + 30) * 1000,
  });
  return JSON.parse(stdout);
}

/**
 * Each run gets a spool directory of its own. With one directory for all of them, the healthy
 * `ezlogs` run of every round after the first replayed what the previous round's endpoint-down
 * and endpoint-hanging runs had spooled (~480 batches, 240,000 events) while it was measured:
 * a recovery from an outage, not the healthy service this row stands for.
 */
async function runRound(name, context, options) {
  const spoolDir = mkdtempSync(join(tmpdir(), 'ezlogs-bench-spool-'));
  const launch = configurationLaunch(name, { ...context, env: { ...context.env, EZLOGS_SPOOL_DIR: spoolDir } });
  const before = await context.sink.stats();
  const service = await spawnReady(process.execPath, launch.args, { env: launch.env, cwd: repoRoot, timeoutMs: 20_000 });
  try {
    await load(service.port, options.warmupSeconds, options.connections);
    const usageBefore = readProcessUsage(service.child.pid);
    const started = performance.now();
    const result = await load(service.port, options.durationSeconds, options.connections);
    const wallMs = performance.now() - started;
    const usageAfter = readProcessUsage(service.child.pid);
    const after = await context.sink.stats();
    const cpuMs = usageAfter && usageBefore ? usageAfter.cpuMs - usageBefore.cpuMs : Number.NaN;
    return {
      configuration: name,
      req_per_s: result.requests.average,
      requests: result.requests.total,
      latency_p50_ms: result.latency.p50,
      latency_p99_ms: result.latency.p99,
      errors: result.errors + result.timeouts,
      non_2xx: result.non2xx,
      cpu_percent: (cpuMs / wallMs) * 100,
      cpu_us_per_request: (cpuMs * 1000) / Math.max(1, result.requests.total),
      rss_mib: (usageAfter?.rssBytes ?? Number.NaN) / 2 ** 20,
      peak_rss_mib: (usageAfter?.peakRssBytes ?? Number.NaN) / 2 ** 20,
      sink_requests: after.requests - before.requests,
      sink_bytes: after.bytes - before.bytes,
    };
  } finally {
    await stopChild(service.child);
    rmSync(spoolDir, { recursive: true, force: true });
  }
}

const metrics = ['req_per_s', 'latency_p50_ms', 'latency_p99_ms', 'cpu_percent', 'cpu_us_per_request', 'rss_mib', 'peak_rss_mib'];

/** Per configuration: the summary of each metric over its rounds. */
export function summarizeRounds(rounds) {
  const out = {};
  for (const name of new Set(rounds.map((r) => r.configuration))) {
    const mine = rounds.filter((r) => r.configuration === name);
    out[name] = Object.fromEntries(metrics.map((m) => [m, summarize(mine.map((r) => r[m]))]));
  }
  return out;
}

/**
 * Overheads of each configuration against a baseline, paired by round (each round's value
 * against the baseline's value of the same round), then summarized over rounds.
 */
export function pairedOverheads(rounds, baseline) {
  const byRound = new Map();
  for (const r of rounds) {
    if (!byRound.has(r.round)) byRound.set(r.round, {});
    byRound.get(r.round)[r.configuration] = r;
  }
  const out = {};
  for (const name of new Set(rounds.map((r) => r.configuration))) {
    if (name === baseline) continue;
    const pairs = [...byRound.values()].filter((g) => g[name] && g[baseline]);
    out[name] = {
      req_per_s: summarize(pairs.map((g) => overhead(g[name].req_per_s, g[baseline].req_per_s, true))),
      latency_p99_ratio: summarize(pairs.map((g) => g[name].latency_p99_ms / g[baseline].latency_p99_ms)),
      cpu_us_per_request: summarize(pairs.map((g) => overhead(g[name].cpu_us_per_request, g[baseline].cpu_us_per_request, false))),
      rss_mib_added: summarize(pairs.map((g) => g[name].rss_mib - g[baseline].rss_mib)),
    };
  }
  return out;
}

export async function runHostOverhead({ rounds = 3, durationSeconds = 10, warmupSeconds = 2, connections = 10, configurations = configurationNames, log = () => {} } = {}) {
  await prepareDatabase(databaseUrl);
  const sink = await startSink('ok');
  const hanging = await startSink('hang');
  const context = {
    servicePath,
    sink,
    env: sharedEnv({ sinkUrl: sink.url, databaseUrl }), // the spool directory is per run (runRound)
    closedPortUrl: `http://127.0.0.1:${await closedPort()}`,
    hangingSinkUrl: hanging.url,
  };
  const results = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const name of configurations) {
        const result = { round, ...(await runRound(name, context, { durationSeconds, warmupSeconds, connections })) };
        log(`host round ${round}/${rounds} ${name}: ${Math.round(result.req_per_s)} req/s, p99 ${result.latency_p99_ms} ms, cpu ${Math.round(result.cpu_percent)}%`);
        results.push(result);
      }
    }
  } finally {
    await sink.stop();
    await hanging.stop();
  }
  const summary = summarizeRounds(results);
  const vsNone = pairedOverheads(results, 'none');
  const vsHealthy = pairedOverheads(results.filter((r) => ['ezlogs', 'ezlogs-down', 'ezlogs-hanging'].includes(r.configuration)), 'ezlogs');
  return { settings: { rounds, duration_seconds: durationSeconds, warmup_seconds: warmupSeconds, connections, configurations }, rounds: results, summary, overhead_vs_none: vsNone, fault_vs_healthy: vsHealthy };
}
