import type { FootprintResults } from '../report/bench-results.mjs';
export const vanillaSpec: string;
export function countTopLevel(nodeModules: string): number;
export function countAllPackages(lockfileText: string): number;
export function measureFootprint(options?: { log?: (line: string) => void }): Promise<FootprintResults>;
