import { parseRetryAfter } from './retry-after';

/** What one HTTP attempt produced, as the transport saw it. */
export type AttemptResult =
  | { kind: 'response'; status: number; retryAfter?: string | undefined }
  | { kind: 'error'; code: string };

/**
 * What to do with the batch after one attempt (SPEC section 4).
 * `spool` keeps the data for later without retrying now (misconfigured endpoint, bad certificate).
 */
export type DeliveryAction =
  | { kind: 'delivered' }
  | { kind: 'retry'; afterMs: number | undefined; reason: string }
  | { kind: 'split'; reason: string }
  | { kind: 'drop'; reason: string }
  | { kind: 'hold-auth'; reason: string }
  | { kind: 'spool'; reason: string };

// Retrying these cannot help: the peer's certificate will not change between attempts.
const tlsCodes = new Set([
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_NOT_YET_VALID', 'CERT_REVOKED',
]);

export function classifyResponse(result: AttemptResult, nowMs: number): DeliveryAction {
  if (result.kind === 'error') {
    if (tlsCodes.has(result.code)) return { kind: 'spool', reason: `tls ${result.code}` };
    // Resets, refusals, DNS failures, timeouts and unknown codes are all transient from here.
    return { kind: 'retry', afterMs: undefined, reason: result.code };
  }
  const { status } = result;
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: 'retry', afterMs: parseRetryAfter(result.retryAfter, nowMs), reason: `HTTP ${status}` };
  }
  if (status === 413) return { kind: 'split', reason: 'HTTP 413' };
  if (status === 401 || status === 403) return { kind: 'hold-auth', reason: `HTTP ${status}` };
  // A wrong URL or a redirect is a configuration problem: keep the data until someone fixes it.
  if (status === 404 || status === 405 || status === 410 || (status >= 300 && status < 400)) {
    return { kind: 'spool', reason: `HTTP ${status}` };
  }
  return { kind: 'drop', reason: `rejected_${status}` };
}
