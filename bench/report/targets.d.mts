import type { BenchResults } from './bench-results.mjs';
export interface TargetVerdict {
  target: string;
  measured: string;
  met: boolean;
}
export function evaluateTargets(results: BenchResults): TargetVerdict[];
