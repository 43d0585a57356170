import type { Summary, Percentiles } from '../lib/stats.mjs';

/** The shape of `bench/results/latest.json`: one object per suite that ran. */
export interface Overheads {
  req_per_s: Summary;
  latency_p99_ratio: Summary;
  cpu_us_per_request: Summary;
  rss_mib_added: Summary;
}
export interface HostResults {
  settings: { rounds: number; duration_seconds: number; warmup_seconds: number; connections: number; configurations: string[] };
  rounds: Record<string, number | string>[];
  summary: Record<string, Record<string, Summary>>;
  overhead_vs_none: Record<string, Overheads>;
  fault_vs_healthy: Record<string, Overheads>;
}
export interface PipelineResults {
  settings: { rounds: number; seconds: number; memory_events: number };
  throughput: (Record<string, unknown> & { span_end_us: Percentiles })[];
  memory: Record<string, unknown>[];
  summary: Record<string, Summary>;
}
export interface StartupResults {
  settings: { rounds: number; app: string };
  runs: Record<string, number | string>[];
  summary: Record<string, { wall_ms: Summary; peak_rss_mib: Summary; added_wall_ms: Summary; added_peak_rss_mib: Summary }>;
}
export interface InstallFootprint {
  spec: string;
  install_seconds: number;
  disk_bytes: number;
  apparent_bytes: number;
  top_level_packages: number;
  all_packages: number;
}
export interface FootprintResults {
  tarball: { file: string; bytes: number; unpacked_bytes: number; files: number };
  ezlogs: InstallFootprint;
  vanilla: InstallFootprint;
  size_ratio: number;
}
export interface BenchResults {
  machine?: Record<string, unknown>;
  host?: HostResults;
  pipeline?: PipelineResults;
  startup?: StartupResults;
  footprint?: FootprintResults;
}
