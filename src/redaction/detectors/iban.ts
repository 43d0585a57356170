import { isAlnum, isBoundary, isDigit, isUpper } from '../char-class';
import type { Detector, SpanSink } from './detector';

/**
 * IBANs, compact (`DE89370400440532013000`) or printed in groups of four
 * (`DE89 3704 0044 0532 0130 00`): a known country, that country's exact length, and the
 * ISO 7064 mod-97 check. Exact lengths keep hashes and ids that start like an IBAN out.
 */
const lengths: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21,
  CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27,
  GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24,
  ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24,
  TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** ISO 7064 mod 97 of the IBAN in [start, end) rearranged (first four characters moved to the end, letters as 10..35). */
export function ibanChecksumValid(text: string, start: number, end: number): boolean {
  let rem = 0;
  let head = 0;
  const feed = (c: number): void => {
    rem = isDigit(c) ? (rem * 10 + c - 48) % 97 : (rem * 100 + c - 55) % 97;
  };
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) continue;
    if (head < 4) head++;
    else feed(c);
  }
  for (let i = start; i < start + 4; i++) feed(text.charCodeAt(i));
  return rem === 1;
}

/**
 * Finds the end of `length` IBAN characters from `start`, allowing one space after every 4.
 * Returns the end, or `-(where reading stopped) - 1` so the caller resumes there: restarting
 * at every group of a long run (`DE89 DE89 DE89 …`) would make the scan quadratic.
 */
function readIban(text: string, start: number, length: number): number {
  let count = 0;
  let i = start;
  while (count < length && i < text.length) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || isUpper(c)) {
      count++;
      i++;
    } else if (c === 32 && count % 4 === 0 && i > start && isAlnum(text.charCodeAt(i + 1))) {
      i++;
    } else {
      return -i - 1;
    }
  }
  return count === length && isBoundary(text, i) ? i : -i - 1;
}

// The same table indexed by the two letters' codes, so a candidate costs no string slice.
const lengthByCode = new Uint8Array(26 * 26);
for (const [country, length] of Object.entries(lengths)) {
  lengthByCode[(country.charCodeAt(0) - 65) * 26 + country.charCodeAt(1) - 65] = length;
}

function scanAt(text: string, i: number, sink: SpanSink): number {
  const length = lengthByCode[(text.charCodeAt(i) - 65) * 26 + text.charCodeAt(i + 1) - 65] ?? 0;
  if (length === 0) return i + 1;
  const end = readIban(text, i, length);
  if (end < 0) return Math.max(i + 1, -end - 1);
  if (!ibanChecksumValid(text, i, end)) return i + 1;
  sink.add(i, end, '[IBAN]');
  return end;
}

export const ibanDetector: Detector = {
  name: 'iban',
  mask: '[IBAN]',
  minDigits: 4,
  scan(text, sink) {
    const last = text.length - 15;
    let i = 0;
    while (i <= last) {
      if (isUpper(text.charCodeAt(i)) && isUpper(text.charCodeAt(i + 1)) && isDigit(text.charCodeAt(i + 2))
        && isDigit(text.charCodeAt(i + 3)) && isBoundary(text, i - 1)) {
        i = scanAt(text, i, sink);
      } else {
        i++;
      }
    }
  },
};
