import { describe, expect, it } from 'vitest';
import { maxRetryAfterMs, parseRetryAfter } from '../../src/delivery/retry-after.js';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['delay-seconds', '120', 120_000],
    ['zero seconds', '0', 0],
    ['seconds with surrounding spaces', ' 3 ', 3_000],
    ['an HTTP-date 30 s ahead', 'Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['an HTTP-date in the past', 'Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['a huge number of seconds, clamped to one hour', '1000000000', maxRetryAfterMs],
    ['an HTTP-date a year ahead, clamped', 'Fri, 01 Jan 2027 00:00:00 GMT', maxRetryAfterMs],
    ['a negative number', '-5', undefined],
    ['a fraction', '1.5', undefined],
    ['garbage', 'soon-ish', undefined],
    ['an empty value', '', undefined],
    ['no header', undefined, undefined],
  ])('reads %s', (_name, header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it('never yields a delay a timer cannot hold', () => {
    expect(parseRetryAfter('99999999999999999999', now)).toBeLessThan(2 ** 31 - 1);
  });
});
