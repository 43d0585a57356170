import type { CircuitState } from '../health/health';

/** A permit says how the caller got through, so the result can be recorded against the right state. */
export type Permit = 'normal' | 'probe';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. */
  threshold: number;
  /** Time the breaker stays open before it lets one probe through. */
  timeoutMs: number;
  now: () => number;
  onStateChange?: (from: CircuitState, to: CircuitState) => void;
}

export interface CircuitBreaker {
  state(): CircuitState;
  /** A permit to send now, or undefined while open or while the one half-open probe is out. */
  acquire(): Permit | undefined;
  success(permit: Permit): void;
  failure(permit: Permit): void;
  /** Opens at once, whatever the count: an auth failure needs no five confirmations. */
  trip(): void;
  /** Ms until a probe may go (0 when one may go now). */
  msUntilProbe(): number;
}

// Each state carries only its own data.
type Internal =
  | { name: 'closed'; failures: number }
  | { name: 'open'; openedAt: number }
  | { name: 'half-open'; probeOut: boolean };

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const { threshold, timeoutMs, now, onStateChange } = options;
  let current: Internal = { name: 'closed', failures: 0 };

  const moveTo = (next: Internal): void => {
    const from = current.name;
    current = next;
    if (from !== next.name) onStateChange?.(from, next.name);
  };
  const open = (): void => moveTo({ name: 'open', openedAt: now() });

  return {
    state: () => current.name,
    acquire() {
      if (current.name === 'closed') return 'normal';
      if (current.name === 'open') {
        if (now() - current.openedAt < timeoutMs) return undefined;
        moveTo({ name: 'half-open', probeOut: true });
        return 'probe';
      }
      if (current.probeOut) return undefined;
      current.probeOut = true;
      return 'probe';
    },
    success(permit) {
      if (current.name === 'closed') current.failures = 0;
      else if (permit === 'probe' && current.name === 'half-open') moveTo({ name: 'closed', failures: 0 });
    },
    failure(permit) {
      if (current.name === 'closed') {
        current.failures += 1;
        if (current.failures >= threshold) open();
      } else if (permit === 'probe' && current.name === 'half-open') {
        open();
      }
      // A late failure from before the breaker opened says nothing new.
    },
    trip: open,
    msUntilProbe() {
      if (current.name !== 'open') return 0;
      return Math.max(0, current.openedAt + timeoutMs - now());
    },
  };
}
