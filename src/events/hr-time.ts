import type { HrTime } from '@opentelemetry/api';

export function hrTimeToMs(time: HrTime): number {
  return time[0] * 1e3 + time[1] / 1e6;
}

/** Milliseconds with two decimals: enough for latency, short on the wire. */
export function durationMs(duration: HrTime): number {
  return Math.round((duration[0] * 1e3 + duration[1] / 1e6) * 100) / 100;
}

export function hrTimeToIso(time: HrTime): string {
  return new Date(Math.floor(hrTimeToMs(time))).toISOString();
}
