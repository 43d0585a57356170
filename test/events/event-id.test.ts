import { describe, expect, it } from 'vitest';
import { ulid } from '../../src/correlation/random-id.js';
import { newEventId } from '../../src/events/event-id.js';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The reference decoding of a ULID's 48-bit time part. */
function timeOf(id: string): number {
  let ms = 0;
  for (const c of id.slice(0, 10)) ms = ms * 32 + crockford.indexOf(c);
  return ms;
}

describe('newEventId', () => {
  it('is evt_ and a 26-character Crockford ULID', () => {
    expect(newEventId()).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('never repeats, even for ids made within one millisecond', () => {
    const ids = new Set(Array.from({ length: 20_000 }, () => newEventId()));
    expect(ids.size).toBe(20_000);
  });
});

describe('ulid', () => {
  it.each([0, 1, 31, 32, 1_764_000_000_123, 2 ** 48 - 1])('encodes the time %d in its first 10 characters', (ms) => {
    expect(timeOf(ulid(ms))).toBe(ms);
    // The second id of the same millisecond has the same time part and a different random part.
    const [a, b] = [ulid(ms), ulid(ms)];
    expect(a.slice(0, 10)).toBe(b.slice(0, 10));
    expect(a.slice(10)).not.toBe(b.slice(10));
  });

  it('sorts by time across milliseconds', () => {
    const ids = [5, 1_000, 1_001, 40_000, 1_764_000_000_000].map((ms) => ulid(ms));
    expect([...ids].sort()).toEqual(ids);
  });

  it('uses every character of the random alphabet', () => {
    const seen = new Set(Array.from({ length: 2_000 }, () => ulid(0).slice(10)).join(''));
    expect(seen.size).toBe(32);
  });
});
