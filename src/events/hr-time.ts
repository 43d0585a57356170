import type { HrTime } from '@opentelemetry/api';

export function hrTimeToMs(time: HrTime): number {
  return time[0] * 1e3 + time[1] / 1e6;
}

/** Milliseconds with two decimals: enough for latency, short on the wire. */
export function durationMs(duration: HrTime): number {
  return roundedMs(hrTimeToMs(duration));
}

export function roundedMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}

// Spans end in bursts within the same second, so its `YYYY-MM-DDTHH:MM:SS.` prefix is built
// once and only the milliseconds are appended: a third of the cost of `Date#toISOString`
// (bench/micro/pipeline-stages.bench.mjs, map).
let cachedSecond = Number.NaN;
let cachedPrefix = '';

export function hrTimeToIso(time: HrTime): string {
  return epochMsToIso(hrTimeToMs(time));
}

export function epochMsToIso(epochMs: number): string {
  const ms = Math.floor(epochMs);
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    // Throws a RangeError for times a Date cannot hold, as before: the caller counts the failure.
    const iso = new Date(ms).toISOString();
    cachedSecond = second;
    cachedPrefix = iso.slice(0, -4);
  }
  const milli = ms - second * 1000;
  return `${cachedPrefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}
