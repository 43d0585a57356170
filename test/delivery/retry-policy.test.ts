import { describe, expect, it } from 'vitest';
import { createRetryPolicy } from '../../src/delivery/retry-policy.js';

describe('retry policy', () => {
  it('grows the backoff ceiling exponentially up to the cap (random at its top)', () => {
    const policy = createRetryPolicy({ attempts: 10, baseMs: 100, maxMs: 1_000, random: () => 0.999999 });
    const delays = [1, 2, 3, 4, 5, 6].map((n) => policy.next(n, undefined));
    expect(delays.map((d) => (d.retry ? d.delayMs : -1))).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('jitters fully: a random of 0 retries at once, 0.5 halfway up the ceiling', () => {
    expect(createRetryPolicy({ attempts: 3, baseMs: 100, maxMs: 1_000, random: () => 0 }).next(3, undefined)).toEqual({ retry: true, delayMs: 0 });
    expect(createRetryPolicy({ attempts: 3, baseMs: 100, maxMs: 1_000, random: () => 0.5 }).next(3, undefined)).toEqual({ retry: true, delayMs: 200 });
  });

  it('treats Retry-After as a floor under the jittered delay', () => {
    const policy = createRetryPolicy({ attempts: 3, baseMs: 100, maxMs: 1_000, random: () => 0.5 });
    expect(policy.next(1, 5_000)).toEqual({ retry: true, delayMs: 5_000 });
    expect(policy.next(3, 10)).toEqual({ retry: true, delayMs: 200 });
  });

  it('stops after the configured number of retries', () => {
    const policy = createRetryPolicy({ attempts: 2, baseMs: 100, maxMs: 1_000, random: () => 0.5 });
    expect(policy.next(2, undefined).retry).toBe(true);
    expect(policy.next(3, undefined)).toEqual({ retry: false });
  });

  it('with zero retries gives up after the first failure', () => {
    expect(createRetryPolicy({ attempts: 0, baseMs: 100, maxMs: 1_000, random: () => 0.5 }).next(1, undefined)).toEqual({ retry: false });
  });
});
