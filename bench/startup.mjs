// `node bench/startup.mjs [--rounds N] [--no-footprint]`: issue 10's start-up and install-footprint
// measurements on their own (`npm run bench` runs them too). Writes bench/results/startup.json.
import { writeFileSync } from 'node:fs';
import { numberOption, parseArgs } from './lib/bench-args.mjs';
import { describeMachine } from './lib/machine.mjs';
import { renderResults } from './report/results-markdown.mjs';
import { evaluateTargets } from './report/targets.mjs';
import { measureFootprint } from './startup/measure-footprint.mjs';
import { measureStartup } from './startup/measure-startup.mjs';

const args = parseArgs(process.argv.slice(2));
const log = (line) => process.stderr.write(`[bench] ${line}\n`);
const results = { machine: describeMachine() };
results.startup = await measureStartup({ rounds: numberOption(args, 'rounds', 'BENCH_STARTUP_ROUNDS', 10), log });
if (args['no-footprint'] !== true) results.footprint = await measureFootprint({ log });
results.targets = evaluateTargets(results);
writeFileSync(new URL('./results/startup.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log(renderResults(results));
