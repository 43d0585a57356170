import { randomFillSync } from 'node:crypto';

/**
 * Ids from a cryptographically secure source without a syscall per id: a pool of random
 * bytes is refilled 4 KiB at a time (one `randomFillSync` serves ~400 event ids).
 */
const pool = Buffer.allocUnsafe(4096);
let offset = pool.length;

/** Where `count` fresh random bytes start in `pool`, refilling it when fewer are left. */
function takeFromPool(count: number): number {
  if (offset + count > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const start = offset;
  offset += count;
  return start;
}

export function randomBytesFromPool(count: number): Buffer {
  const start = takeFromPool(count);
  return pool.subarray(start, start + count);
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const codes = Uint8Array.from(crockford, (c) => c.charCodeAt(0));

// Many ids are made within one millisecond, so its 10-character time part is built once; the
// random part is one `String.fromCharCode` instead of 16 concatenations. Together a quarter of
// the old cost (bench/micro/pipeline-stages.bench.mjs, map: two ids per server span).
let cachedMs = Number.NaN;
let cachedTime = '';

function timePart(nowMs: number): string {
  if (nowMs !== cachedMs) {
    let out = '';
    let time = nowMs;
    for (let i = 9; i >= 0; i--) {
      out = crockford[time % 32] + out;
      time = Math.floor(time / 32);
    }
    cachedMs = nowMs;
    cachedTime = out;
  }
  return cachedTime;
}

const at = (i: number): number => codes[(pool[i] as number) & 31] as number;

/** A ULID (48-bit time + 80 random bits, Crockford base32): sortable by time, unique. */
export function ulid(nowMs: number = Date.now()): string {
  // Read straight from the pool: a `subarray` view per id made it 120 ns instead of 81.
  const o = takeFromPool(16);
  return timePart(nowMs) + String.fromCharCode(
    at(o), at(o + 1), at(o + 2), at(o + 3), at(o + 4), at(o + 5), at(o + 6), at(o + 7),
    at(o + 8), at(o + 9), at(o + 10), at(o + 11), at(o + 12), at(o + 13), at(o + 14), at(o + 15),
  );
}

const hexCodes = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const high = (i: number): number => hexCodes[(pool[i] as number) >> 4] as number;
const low = (i: number): number => hexCodes[(pool[i] as number) & 15] as number;

/**
 * `bytes` (8 or 16) fresh random bytes as lowercase hex, never all zeros (W3C trace context
 * gives an all-zero trace or span id the meaning "invalid"). One `String.fromCharCode` makes a
 * flat string: the SDK checks every id with a regexp, which is slower on a concatenated one.
 * The arguments are spelled out: a loop into an array and `fromCharCode.apply` took 117-131 ns
 * per id against 81-86 ns (this machine, Node 20).
 */
export function randomHex(bytes: 8 | 16): string {
  const o = takeFromPool(bytes);
  let zero = true;
  for (let i = o; i < o + bytes; i++) {
    if (pool[i] !== 0) {
      zero = false;
      break;
    }
  }
  if (zero) pool[o + bytes - 1] = 1;
  if (bytes === 8) {
    return String.fromCharCode(
      high(o), low(o), high(o + 1), low(o + 1), high(o + 2), low(o + 2), high(o + 3), low(o + 3),
      high(o + 4), low(o + 4), high(o + 5), low(o + 5), high(o + 6), low(o + 6), high(o + 7), low(o + 7),
    );
  }
  return String.fromCharCode(
    high(o), low(o), high(o + 1), low(o + 1), high(o + 2), low(o + 2), high(o + 3), low(o + 3),
    high(o + 4), low(o + 4), high(o + 5), low(o + 5), high(o + 6), low(o + 6), high(o + 7), low(o + 7),
    high(o + 8), low(o + 8), high(o + 9), low(o + 9), high(o + 10), low(o + 10), high(o + 11), low(o + 11),
    high(o + 12), low(o + 12), high(o + 13), low(o + 13), high(o + 14), low(o + 14), high(o + 15), low(o + 15),
  );
}
