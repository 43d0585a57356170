/** The longest pause a server may impose; beyond this a bad header would silence us for days. */
export const maxRetryAfterMs = 60 * 60 * 1000;

/**
 * `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 10.2.3), in ms from `nowMs`.
 * Garbage or negative values give `undefined` (the caller falls back to its own backoff);
 * past dates give 0; anything huge is clamped so no timer exceeds the cap.
 */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, maxRetryAfterMs);
  // A leading sign or a fraction is not delay-seconds, and Date.parse would read "-5" as a year.
  if (/^[-+]?\d/.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - nowMs), maxRetryAfterMs);
}
