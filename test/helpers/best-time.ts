/**
 * The fastest of `runs` timings of `work`, in ms. Time guards against a blow-up (quadratic
 * scans, deep recursion) compare this, not one run: a single run also measures whatever else a
 * shared 2-core machine did at that moment, and a blow-up is slow on every run.
 */
export function bestTimeMs(runs: number, work: () => void): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
