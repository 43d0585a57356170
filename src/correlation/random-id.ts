import { randomFillSync } from 'node:crypto';

/**
 * Ids from a cryptographically secure source without a syscall per id: a pool of random
 * bytes is refilled 4 KiB at a time (one `randomFillSync` serves ~400 event ids).
 */
const pool = Buffer.allocUnsafe(4096);
let offset = pool.length;

export function randomBytesFromPool(count: number): Buffer {
  if (offset + count > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + count);
  offset += count;
  return bytes;
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (48-bit time + 80 random bits, Crockford base32): sortable by time, unique. */
export function ulid(nowMs: number = Date.now()): string {
  let out = '';
  let time = nowMs;
  for (let i = 9; i >= 0; i--) {
    out = crockford[time % 32] + out;
    time = Math.floor(time / 32);
  }
  const random = randomBytesFromPool(16);
  for (let i = 0; i < 16; i++) out += crockford[(random[i] as number) & 31];
  return out;
}
