export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  n: number;
}
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number;
export function median(values: readonly number[]): number;
export function summarize(values: readonly number[]): Summary;
export function percentiles(samples: ArrayLike<number>): Percentiles;
export function overhead(value: number, baseline: number, higherIsBetter: boolean): number;
