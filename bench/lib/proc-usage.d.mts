export interface ProcessUsage {
  cpuMs: number;
  rssBytes: number;
  peakRssBytes: number;
}
export function cpuMsFromStat(statLine: string, ticks?: number): number;
export function kbFieldFromStatus(status: string, name: string): number;
export function readProcessUsage(pid: number): ProcessUsage | undefined;
