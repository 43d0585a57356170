// `npm run bench:instructions`: the host-overhead service's cost per request in CPU instructions
// (valgrind's callgrind), for no agent, vanilla OpenTelemetry and @ezlogs/node. Instructions do
// not move with a virtual machine's neighbours the way req/s and CPU seconds do, so on a noisy
// host this is the steadier reading of the same question. Each configuration serves two runs of
// different lengths; their difference, per request, cancels start-up and loading. V8 runs with
// --single-threaded (its compiler and GC on the main thread), so its work is counted where it
// happens. The runs are 2,600 and 10,600 requests: between 600 and 2,600, V8 was still
// compiling, and its optimizing compiler made up 63% of the count with the agent loaded (700k of
// 1.1M instructions per request), which a service that runs for more than a minute never pays;
// from 2,600 on it is a few percent. What is compiled when still moves the counts between runs:
// the no-agent count by up to ±12%, one commit of ours by ±4%, vanilla's added count from +345k
// to +447k across runs; so compare configurations within one run, rounds side by side.
//   node bench/instructions/count-instructions.mjs [--rounds 1] [--short 2600] [--long 10600]
// Needs valgrind (Debian package valgrind); two to four minutes per configuration.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberOption, parseArgs } from '../lib/bench-args.mjs';
import { runToEnd } from '../lib/child-process.mjs';
import { describeMachine } from '../lib/machine.mjs';
import { summarize } from '../lib/stats.mjs';
import { databaseUrl, prepareDatabase } from '../service/prepare-database.mjs';
import { configurationLaunch, sharedEnv } from '../side-by-side/configurations.mjs';
import { startSink } from '../sink/sink-client.mjs';

const args = parseArgs(process.argv.slice(2));
const rounds = numberOption(args, 'rounds', 'BENCH_ROUNDS', 1);
const short = numberOption(args, 'short', 'BENCH_SHORT_REQUESTS', 2_600);
const long = numberOption(args, 'long', 'BENCH_LONG_REQUESTS', 10_600);
const configurations = ['none', 'vanilla', 'ezlogs', 'ezlogs-exporter-none'];
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const loadScript = fileURLToPath(new URL('./in-process-load.cjs', import.meta.url));
const log = (line) => process.stderr.write(`[instructions] ${line}\n`);

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  log('valgrind is not installed (Debian: apt-get install valgrind); nothing measured');
  process.exit(2);
}

/** Instructions of one whole run (all threads, user space), as callgrind counts them. */
async function instructions(launch, requests) {
  const { stderr } = await runToEnd('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', ...launch.args, String(requests)], {
    env: launch.env,
    cwd: repoRoot,
    timeoutMs: 30 * 60_000,
  });
  const match = /Collected : (\d+)/.exec(stderr);
  if (!match) throw new Error(`callgrind printed no total: ${stderr.slice(-500)}`);
  return Number(match[1]);
}

await prepareDatabase(databaseUrl);
const spoolDir = mkdtempSync(join(tmpdir(), 'ezlogs-bench-instructions-'));
const sink = await startSink('ok');
const rows = [];
try {
  const env = sharedEnv({ sinkUrl: sink.url, databaseUrl, spoolDir });
  for (let round = 1; round <= rounds; round++) {
    for (const name of configurations) {
      const launch = configurationLaunch(name, { servicePath: loadScript, env, closedPortUrl: sink.url, hangingSinkUrl: sink.url });
      const a = await instructions(launch, short);
      const b = await instructions(launch, long);
      const perRequest = (b - a) / (long - short);
      rows.push({ round, configuration: name, instructions_per_request: perRequest });
      log(`round ${round}/${rounds} ${name}: ${Math.round(perRequest).toLocaleString('en-US')} instructions per request`);
    }
  }
} finally {
  await sink.stop();
  rmSync(spoolDir, { recursive: true, force: true });
}

const byRound = (name, round) => rows.find((r) => r.configuration === name && r.round === round)?.instructions_per_request ?? Number.NaN;
const summary = {};
for (const name of configurations) {
  const per = [];
  const added = [];
  const vsVanilla = [];
  for (let round = 1; round <= rounds; round++) {
    per.push(byRound(name, round));
    added.push(byRound(name, round) - byRound('none', round));
    vsVanilla.push((byRound(name, round) - byRound('none', round)) / (byRound('vanilla', round) - byRound('none', round)));
  }
  summary[name] = { instructions_per_request: summarize(per), added_vs_none: summarize(added), share_of_vanilla_overhead: summarize(vsVanilla) };
}
const results = { machine: describeMachine(), settings: { rounds, short_requests: short, long_requests: long }, rounds: rows, summary };
writeFileSync(new URL('../results/instructions.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log('| configuration | instructions per request | added vs no agent | share of vanilla\'s overhead |');
console.log('|---|---|---|---|');
for (const name of configurations) {
  const s = summary[name];
  const share = name === 'none' ? '' : `${(s.share_of_vanilla_overhead.median * 100).toFixed(0)}%`;
  console.log(`| ${name} | ${fmt(s.instructions_per_request.median)} | ${name === 'none' ? '' : `+${fmt(s.added_vs_none.median)}`} | ${share} |`);
}
