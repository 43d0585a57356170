import type { HostResults, Overheads } from '../report/bench-results.mjs';
import type { Summary } from '../lib/stats.mjs';
export interface HostRound {
  round: number;
  configuration: string;
  req_per_s: number;
  latency_p99_ms: number;
  cpu_us_per_request: number;
  rss_mib: number;
  [metric: string]: number | string;
}
export function summarizeRounds(rounds: readonly HostRound[]): Record<string, Record<string, Summary>>;
export function pairedOverheads(rounds: readonly HostRound[], baseline: string): Record<string, Overheads>;
export function runHostOverhead(options?: {
  rounds?: number;
  durationSeconds?: number;
  warmupSeconds?: number;
  connections?: number;
  configurations?: readonly string[];
  log?: (line: string) => void;
}): Promise<HostResults>;
