// Issue 10: whole-process wall time and peak RSS of an app that loads node:http/https, bare and
// under each agent's register entry, in interleaved paired runs (bare, ezlogs, ..., bare, ...).
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spawnReady, stopChild } from '../lib/child-process.mjs';
import { summarize } from '../lib/stats.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const app = fileURLToPath(new URL('./app.cjs', import.meta.url));
const appEsm = fileURLToPath(new URL('./app.mjs', import.meta.url));
const oneRequest = fileURLToPath(new URL('./one-request.cjs', import.meta.url));
const ezlogs = ['--import', '@ezlogs/node/register'];
const vanilla = ['--import', '@opentelemetry/auto-instrumentations-node/register'];

/**
 * Each configuration is paired with the bare run of its own app. The first four are issue 10's
 * measure (a CommonJS app that loads node:http/https); the ESM app shows the loader-hook thread
 * an ES module app needs (both agents start one); the one-request app shows what the first
 * request pays when a CommonJS app's agent loads on first use.
 */
export const startupConfigurations = {
  bare: { args: [app], env: {} },
  ezlogs: { args: [...ezlogs, app], env: {}, baseline: 'bare' },
  'ezlogs-exporter-none': { args: [...ezlogs, app], env: { EZLOGS_EXPORTER: 'none' }, baseline: 'bare' },
  vanilla: { args: [...vanilla, app], env: {}, baseline: 'bare' },
  'esm-bare': { args: [appEsm], env: {} },
  'esm-ezlogs': { args: [...ezlogs, appEsm], env: {}, baseline: 'esm-bare' },
  'esm-vanilla': { args: [...vanilla, appEsm], env: {}, baseline: 'esm-bare' },
  'one-request-bare': { args: [oneRequest], env: {} },
  'one-request-ezlogs': { args: [...ezlogs, oneRequest], env: {}, baseline: 'one-request-bare' },
  'one-request-vanilla': { args: [...vanilla, oneRequest], env: {}, baseline: 'one-request-bare' },
};

// Same env for every configuration; nothing may leave loopback (cloud detectors are cut, the
// endpoints are the loopback sink, which answers both agents at once).
const baseEnv = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/tmp',
  OTEL_SERVICE_NAME: 'bench-startup',
  OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os,process',
  OTEL_TRACES_EXPORTER: 'otlp',
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
  OTEL_METRICS_EXPORTER: 'none',
  OTEL_LOGS_EXPORTER: 'none',
};

/** Parses the `%e %M` line GNU time prints last on stderr: seconds and peak RSS in KiB. */
export function parseTimeLine(stderr) {
  const lines = stderr.trim().split('\n');
  const match = /^(\d+(?:\.\d+)?) (\d+)$/.exec(lines[lines.length - 1] ?? '');
  return match ? { seconds: Number(match[1]), peakRssKib: Number(match[2]) } : undefined;
}

/** One whole-process run: wall ms from spawn to exit measured here, peak RSS from /usr/bin/time. */
function runOnce(config, sharedEnv, nodeBinary) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%e %M', nodeBinary, ...config.args], { cwd: repoRoot, env: { ...sharedEnv, ...config.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const parsed = parseTimeLine(stderr);
      if (code !== 0 || !parsed) reject(new Error(`${config.args.join(' ')} failed (${code}): ${stderr.slice(-1000)}`));
      else resolve({ wall_ms: wallMs, peak_rss_mib: parsed.peakRssKib / 1024 });
    });
  });
}

/** `nodeBinary`: the node every app runs on (this one by default; e.g. a Node 24 from the npm registry). */
export async function measureStartup({ rounds = 10, names = Object.keys(startupConfigurations), log = () => {}, nodeBinary = process.execPath } = {}) {
  const sink = await spawnReady(process.execPath, [fileURLToPath(new URL('../sink/sink-server.mjs', import.meta.url)), 'ok'], { ipc: true });
  const sinkUrl = `http://127.0.0.1:${sink.port}`;
  const sharedEnv = { ...baseEnv, OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl, EZLOGS_ENDPOINT: `${sinkUrl}/events` };
  try {
    return await measureWith(sharedEnv, rounds, names, log, nodeBinary);
  } finally {
    await stopChild(sink.child);
  }
}

async function measureWith(sharedEnv, rounds, names, log, nodeBinary) {
  const runs = [];
  for (let round = 1; round <= rounds; round++) {
    for (const name of names) runs.push({ round, configuration: name, ...(await runOnce(startupConfigurations[name], sharedEnv, nodeBinary)) });
    log(`startup round ${round}/${rounds} done`);
  }
  const summary = {};
  for (const name of names) {
    const mine = runs.filter((r) => r.configuration === name);
    const baseline = startupConfigurations[name].baseline ?? name;
    const bare = (round) => runs.find((r) => r.round === round && r.configuration === baseline);
    summary[name] = {
      wall_ms: summarize(mine.map((r) => r.wall_ms)),
      peak_rss_mib: summarize(mine.map((r) => r.peak_rss_mib)),
      added_wall_ms: summarize(mine.map((r) => r.wall_ms - (bare(r.round)?.wall_ms ?? Number.NaN))),
      added_peak_rss_mib: summarize(mine.map((r) => r.peak_rss_mib - (bare(r.round)?.peak_rss_mib ?? Number.NaN))),
    };
  }
  return { settings: { rounds, app: 'require(node:http) + require(node:https)', node: nodeVersion(nodeBinary) }, configurations: Object.fromEntries(names.map((n) => [n, { args: startupConfigurations[n].args.map((a) => a.replace(repoRoot, '')), baseline: startupConfigurations[n].baseline ?? null }])), runs, summary };
}

function nodeVersion(nodeBinary) {
  return nodeBinary === process.execPath ? process.version : execFileSync(nodeBinary, ['--version'], { encoding: 'utf8' }).trim();
}
