import type { HrTime } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { durationMs, hrTimeToIso } from '../../src/events/hr-time.js';

const hr = (ms: number): HrTime => [Math.floor(ms / 1000), Math.round((ms - Math.floor(ms / 1000) * 1000) * 1e6)];

describe('hrTimeToIso', () => {
  it.each([
    ['a time with three-digit milliseconds', Date.UTC(2026, 10, 22, 10, 30, 0, 123)],
    ['milliseconds under 10', Date.UTC(2026, 10, 22, 10, 30, 0, 7)],
    ['milliseconds under 100', Date.UTC(2026, 10, 22, 10, 30, 0, 42)],
    ['the last millisecond of a second', Date.UTC(2026, 10, 22, 10, 30, 59, 999)],
    ['the first millisecond of the next day', Date.UTC(2026, 10, 23, 0, 0, 0, 0)],
    ['the epoch', 0],
    ['a time before the epoch', Date.UTC(1969, 11, 31, 23, 59, 59, 500)],
    ['a year past 9999', Date.UTC(12_000, 0, 1, 0, 0, 0, 1)],
  ])('matches Date#toISOString for %s', (_name, ms) => {
    expect(hrTimeToIso(hr(ms))).toBe(new Date(ms).toISOString());
  });

  it('drops sub-millisecond nanoseconds the way Math.floor does', () => {
    expect(hrTimeToIso([1_764_000_000, 998_500_000])).toBe(new Date(1_764_000_000_998).toISOString());
  });

  it('gives each of many times within one second and across seconds its own milliseconds', () => {
    const start = Date.UTC(2026, 0, 1, 12, 0, 0, 0);
    for (let ms = start; ms < start + 3_000; ms += 7) expect(hrTimeToIso(hr(ms))).toBe(new Date(ms).toISOString());
    // Going back in time (a span that started earlier) is not served from the newer second.
    expect(hrTimeToIso(hr(start - 1))).toBe(new Date(start - 1).toISOString());
  });

  it('throws a RangeError for a time a Date cannot hold, and the next valid time is still right', () => {
    expect(() => hrTimeToIso([Number.NaN, 0])).toThrow(RangeError);
    expect(() => hrTimeToIso([9e15, 0])).toThrow(RangeError);
    const ms = Date.UTC(2026, 5, 1, 8, 0, 0, 5);
    expect(hrTimeToIso(hr(ms))).toBe(new Date(ms).toISOString());
  });
});

describe('durationMs', () => {
  it('rounds to two decimals', () => {
    expect(durationMs([1, 234_567_891])).toBe(1234.57);
  });
});
