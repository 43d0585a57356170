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

// Reused buffer of the IBAN's characters without spaces.
const chars: number[] = [];

/** mod 97 of the IBAN rearranged (first four characters moved to the end, letters as 10..35). */
export function ibanChecksumValid(codes: readonly number[]): boolean {
  let rem = 0;
  for (let k = 0; k < codes.length; k++) {
    const c = codes[(k + 4) % codes.length] ?? 0;
    if (isDigit(c)) rem = (rem * 10 + c - 48) % 97;
    else rem = (rem * 100 + c - 55) % 97;
  }
  return rem === 1;
}

/** Reads `length` IBAN characters from `start`, allowing one space after every 4; returns the end or -1. */
function readIban(text: string, start: number, length: number): number {
  chars.length = 0;
  let i = start;
  while (chars.length < length && i < text.length) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || isUpper(c)) {
      chars.push(c);
      i++;
    } else if (c === 32 && chars.length % 4 === 0 && i > start && isAlnum(text.charCodeAt(i + 1))) {
      i++;
    } else {
      return -1;
    }
  }
  return chars.length === length && isBoundary(text, i) ? i : -1;
}

function scanAt(text: string, i: number, sink: SpanSink): number {
  const length = lengths[text.slice(i, i + 2)];
  if (length === undefined) return i + 1;
  const end = readIban(text, i, length);
  if (end === -1 || !ibanChecksumValid(chars)) return i + 1;
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
