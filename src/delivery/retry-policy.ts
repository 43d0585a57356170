export interface RetryPolicyOptions {
  /** Retries after the first attempt; the batch is spooled once they are spent. */
  attempts: number;
  baseMs: number;
  maxMs: number;
  random: () => number;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

export interface RetryPolicy {
  /** `failures` counts failed attempts so far (1 after the first failure). */
  next(failures: number, retryAfterMs: number | undefined): RetryDecision;
}

/**
 * Exponential backoff with full jitter (uniform in [0, min(max, base * 2^n)]), so agents that
 * failed together do not come back together. A server's Retry-After is a floor, not a suggestion.
 */
export function createRetryPolicy(options: RetryPolicyOptions): RetryPolicy {
  const { attempts, baseMs, maxMs, random } = options;
  return {
    next(failures, retryAfterMs) {
      if (failures > attempts) return { retry: false };
      const ceiling = Math.min(maxMs, baseMs * 2 ** (failures - 1));
      const jittered = Math.floor(random() * ceiling);
      return { retry: true, delayMs: retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered) };
    },
  };
}
