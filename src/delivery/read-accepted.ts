/**
 * The optional 2xx body of SPEC section 4: `{"accepted":n,"duplicates":n,"rejected":[...]}`.
 * Rejected events are counted, not resent: the receiver has told us they will never fit.
 */
export function readAccepted(body: string | undefined): { rejected: number; duplicates: number } {
  if (body === undefined || body === '' || body[0] !== '{') return { rejected: 0, duplicates: 0 };
  try {
    const parsed = JSON.parse(body) as { rejected?: unknown; duplicates?: unknown };
    return {
      rejected: Array.isArray(parsed.rejected) ? parsed.rejected.length : 0,
      duplicates: typeof parsed.duplicates === 'number' && parsed.duplicates > 0 ? parsed.duplicates : 0,
    };
  } catch {
    return { rejected: 0, duplicates: 0 };
  }
}
