import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../src/delivery/circuit-breaker.js';
import type { CircuitState } from '../../src/health/health.js';

function setup(threshold = 3, timeoutMs = 1_000) {
  let clock = 0;
  const changes: string[] = [];
  const breaker = createCircuitBreaker({
    threshold, timeoutMs, now: () => clock,
    onStateChange: (from: CircuitState, to: CircuitState) => changes.push(`${from}->${to}`),
  });
  return { breaker, changes, advance: (ms: number) => (clock += ms) };
}

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive failures', () => {
    const { breaker, changes } = setup(3);
    for (let i = 0; i < 2; i++) breaker.failure(breaker.acquire() ?? 'normal');
    expect(breaker.state()).toBe('closed');
    breaker.failure(breaker.acquire() ?? 'normal');
    expect(breaker.state()).toBe('open');
    expect(breaker.acquire()).toBeUndefined();
    expect(changes).toEqual(['closed->open']);
  });

  it('forgets failures after a success', () => {
    const { breaker } = setup(3);
    breaker.failure('normal');
    breaker.failure('normal');
    breaker.success('normal');
    breaker.failure('normal');
    breaker.failure('normal');
    expect(breaker.state()).toBe('closed');
  });

  it('lets exactly one probe through once the timeout has passed', () => {
    const { breaker, advance } = setup(1, 1_000);
    breaker.failure('normal');
    advance(999);
    expect(breaker.acquire()).toBeUndefined();
    expect(breaker.msUntilProbe()).toBe(1);
    advance(1);
    expect(breaker.acquire()).toBe('probe');
    expect(breaker.state()).toBe('half-open');
    expect(breaker.acquire()).toBeUndefined();
    expect(breaker.acquire()).toBeUndefined();
  });

  it('closes when the probe succeeds', () => {
    const { breaker, advance, changes } = setup(1, 100);
    breaker.failure('normal');
    advance(100);
    breaker.success(breaker.acquire() ?? 'normal');
    expect(breaker.state()).toBe('closed');
    expect(breaker.acquire()).toBe('normal');
    expect(changes).toEqual(['closed->open', 'open->half-open', 'half-open->closed']);
  });

  it('reopens for another full timeout when the probe fails', () => {
    const { breaker, advance } = setup(1, 100);
    breaker.failure('normal');
    advance(100);
    breaker.failure(breaker.acquire() ?? 'normal');
    expect(breaker.state()).toBe('open');
    expect(breaker.msUntilProbe()).toBe(100);
  });

  it('ignores late results of requests sent before it opened', () => {
    const { breaker, advance } = setup(1, 100);
    breaker.failure('normal');
    breaker.success('normal');
    expect(breaker.state()).toBe('open');
    advance(100);
    expect(breaker.acquire()).toBe('probe');
    breaker.failure('normal');
    expect(breaker.state()).toBe('half-open');
  });

  it('trips open at once, whatever the count', () => {
    const { breaker } = setup(100);
    breaker.trip();
    expect(breaker.state()).toBe('open');
  });
});
