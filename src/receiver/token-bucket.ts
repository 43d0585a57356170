/**
 * Per-key token buckets: `rate` requests per second refill, `burst` the most a key may
 * spend at once. The clock is injected so tests never sleep.
 */
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until one token is back; only meaningful when refused. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  take(key: string): RateDecision;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Idle buckets are forgotten past this many keys so a key-spraying client cannot grow memory. */
const maxBuckets = 10_000;

export function createRateLimiter(rate: number, burst: number, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, Bucket>();
  if (rate <= 0) return { take: () => ({ allowed: true, retryAfterSeconds: 0 }) };
  const capacity = Math.max(1, burst);

  return {
    take(key) {
      const t = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxBuckets) evictFull(buckets, t, rate, capacity);
        bucket = { tokens: capacity, at: t };
        buckets.set(key, bucket);
      }
      bucket.tokens = Math.min(capacity, bucket.tokens + ((t - bucket.at) / 1000) * rate);
      bucket.at = t;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, retryAfterSeconds: 0 };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)) };
    },
  };
}

/** A bucket that has refilled completely holds no state worth keeping. */
function evictFull(buckets: Map<string, Bucket>, t: number, rate: number, capacity: number): void {
  for (const [key, b] of buckets) {
    if (b.tokens + ((t - b.at) / 1000) * rate >= capacity) buckets.delete(key);
  }
  // Everyone is mid-burst: drop the oldest tenth, so the scan above runs once per many new keys, not per key.
  if (buckets.size >= maxBuckets) {
    let drop = Math.ceil(maxBuckets / 10);
    for (const key of buckets.keys()) {
      if (drop-- <= 0) break;
      buckets.delete(key);
    }
  }
}
