import type { BenchResults, FootprintResults, HostResults, PipelineResults, StartupResults } from './bench-results.mjs';
export function machineLine(machine: BenchResults['machine']): string;
export function hostTable(host: HostResults): string;
export function pipelineTable(pipeline: PipelineResults): string;
export function startupTable(startup: StartupResults): string;
export function footprintTable(footprint: FootprintResults): string;
export function targetsTable(results: BenchResults): string;
export function renderResults(results: BenchResults): string;
