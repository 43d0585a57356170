import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/receiver/token-bucket.js';

describe('createRateLimiter', () => {
  it('lets a key spend its burst at once, then refuses with the seconds until a token is back', () => {
    const limiter = createRateLimiter(1, 2, () => 0);
    expect([limiter.take('k'), limiter.take('k')].map((d) => d.allowed)).toEqual([true, true]);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it.each([
    // rate per second, elapsed ms after the burst is spent, allowed?
    [10, 99, false],
    [10, 100, true],
    [0.5, 1999, false],
    [0.5, 2000, true],
  ])('at %d/s a token is back after %d ms: %s', (rate, elapsed, allowed) => {
    let now = 0;
    const limiter = createRateLimiter(rate, 1, () => now);
    limiter.take('k');
    now = elapsed;
    expect(limiter.take('k').allowed).toBe(allowed);
  });

  it('rounds Retry-After up to whole seconds', () => {
    const limiter = createRateLimiter(0.25, 1, () => 0);
    limiter.take('k');
    expect(limiter.take('k').retryAfterSeconds).toBe(4);
  });

  it('never refills past the burst', () => {
    let now = 0;
    const limiter = createRateLimiter(100, 3, () => now);
    now = 60_000;
    const allowed = Array.from({ length: 5 }, () => limiter.take('k').allowed);
    expect(allowed).toEqual([true, true, true, false, false]);
  });

  it('keeps keys apart and a rate of 0 means unlimited', () => {
    const limiter = createRateLimiter(1, 1, () => 0);
    expect([limiter.take('a').allowed, limiter.take('b').allowed, limiter.take('a').allowed]).toEqual([true, true, false]);
    const open = createRateLimiter(0, 1, () => 0);
    expect(Array.from({ length: 1000 }, () => open.take('k').allowed).every(Boolean)).toBe(true);
  });

  it('stays bounded when a client sprays new keys', () => {
    const limiter = createRateLimiter(1, 1, () => 0);
    for (let i = 0; i < 20_000; i += 1) limiter.take(`key-${i}`);
    // The newest keys still have their own bucket after the oldest were evicted.
    expect(limiter.take('key-19999').allowed).toBe(false);
  });
});
