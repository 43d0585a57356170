// The statistics every bench reports: medians and min–max over rounds, percentiles over samples.

/** Nearest-rank percentile of already sorted numbers (q in 0..1); NaN for no samples. */
export function percentileOfSorted(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Median (the mean of the two middle values for an even count); NaN for no samples. */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median, min and max of per-round values: what every results table shows. */
export function summarize(values) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite), n: finite.length };
}

/** p50/p95/p99 (and max) of raw samples, e.g. per-span costs; sorts a copy. */
export function percentiles(samples) {
  const sorted = Float64Array.from(samples).sort();
  return {
    p50: percentileOfSorted(sorted, 0.5),
    p95: percentileOfSorted(sorted, 0.95),
    p99: percentileOfSorted(sorted, 0.99),
    max: sorted.length > 0 ? sorted[sorted.length - 1] : Number.NaN,
    n: sorted.length,
  };
}

/**
 * Relative cost of a configuration against the baseline, as a fraction: for a throughput
 * (higher is better) it is the loss, for a cost (lower is better) the increase.
 */
export function overhead(value, baseline, higherIsBetter) {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return Number.NaN;
  return higherIsBetter ? (baseline - value) / baseline : (value - baseline) / baseline;
}
