import { describe, expect, it } from 'vitest';
import { classifyResponse, type AttemptResult, type DeliveryAction } from '../../src/delivery/classify-response.js';

const now = Date.parse('2026-01-01T00:00:00Z');
const status = (code: number, retryAfter?: string): AttemptResult => ({ kind: 'response', status: code, retryAfter });
const error = (code: string): AttemptResult => ({ kind: 'error', code });

describe('classifyResponse', () => {
  it.each<[string, AttemptResult, DeliveryAction['kind'], number | undefined]>([
    ['200 is delivered', status(200), 'delivered', undefined],
    ['202 is delivered', status(202), 'delivered', undefined],
    ['204 is delivered', status(204), 'delivered', undefined],
    ['408 is retried', status(408), 'retry', undefined],
    ['429 is retried after Retry-After seconds', status(429, '7'), 'retry', 7_000],
    ['429 with a garbage Retry-After falls back to backoff', status(429, 'later'), 'retry', undefined],
    ['503 is retried after a Retry-After HTTP-date', status(503, 'Thu, 01 Jan 2026 00:00:02 GMT'), 'retry', 2_000],
    ['500 is retried', status(500), 'retry', undefined],
    ['502 is retried', status(502), 'retry', undefined],
    ['504 is retried', status(504), 'retry', undefined],
    ['413 splits', status(413), 'split', undefined],
    ['400 drops', status(400), 'drop', undefined],
    ['422 drops', status(422), 'drop', undefined],
    ['401 holds for auth', status(401), 'hold-auth', undefined],
    ['403 holds for auth', status(403), 'hold-auth', undefined],
    ['404 keeps the data in the spool', status(404), 'spool', undefined],
    ['a redirect keeps the data in the spool', status(301), 'spool', undefined],
    ['a reset is retried', error('ECONNRESET'), 'retry', undefined],
    ['a refused connection is retried', error('ECONNREFUSED'), 'retry', undefined],
    ['a DNS failure is retried', error('ENOTFOUND'), 'retry', undefined],
    ['an undici headers timeout is retried', error('UND_ERR_HEADERS_TIMEOUT'), 'retry', undefined],
    ['our own deadline is retried', error('ETIMEDOUT'), 'retry', undefined],
    ['an unknown error code is retried', error('EWHATEVER'), 'retry', undefined],
    ['a bad certificate is spooled, not retried', error('DEPTH_ZERO_SELF_SIGNED_CERT'), 'spool', undefined],
  ])('%s', (_name, result, kind, afterMs) => {
    const action = classifyResponse(result, now);
    expect(action.kind).toBe(kind);
    if (action.kind === 'retry') expect(action.afterMs).toBe(afterMs);
  });

  it('names the status in the drop reason, so drops are counted by cause', () => {
    expect(classifyResponse(status(400), now)).toEqual({ kind: 'drop', reason: 'rejected_400' });
  });
});
