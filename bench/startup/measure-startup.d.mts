import type { StartupResults } from '../report/bench-results.mjs';
export const startupConfigurations: Record<string, { args: string[]; env: Record<string, string> }>;
export function parseTimeLine(stderr: string): { seconds: number; peakRssKib: number } | undefined;
export function measureStartup(options?: { rounds?: number; names?: readonly string[]; log?: (line: string) => void }): Promise<StartupResults>;
