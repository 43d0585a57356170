import type { Detector, SpanSink } from './detector';
import { groupLength, isCleanWindow, type DigitRun } from './digit-runs';
import { passesLuhn } from './luhn';

/**
 * Payment card numbers (PAN): a known issuer prefix, a length that issuer uses, and the Luhn
 * check. The prefix table is what keeps epoch-ms timestamps (13 digits starting with 1) and
 * most numeric ids out; Luhn rejects 9 in 10 of the rest.
 */
export function issuerAllows(text: string, start: number, digits: number): boolean {
  const d1 = text.charCodeAt(start) - 48;
  const d2 = d1 * 10 + text.charCodeAt(start + 1) - 48;
  const d4 = d2 * 100 + (text.charCodeAt(start + 2) - 48) * 10 + text.charCodeAt(start + 3) - 48;
  switch (d1) {
    case 4: return digits === 13 || digits === 16 || digits === 19; // Visa
    case 5: return d2 <= 55 ? digits === 16 : digits >= 13; // Mastercard; Maestro 56-59
    case 2: return (d4 >= 2221 && d4 <= 2720 && digits === 16) || (d4 >= 2200 && d4 <= 2204 && digits >= 16); // Mastercard; Mir
    case 3:
      if (d2 === 34 || d2 === 37) return digits === 15; // Amex
      if ((d4 >= 3000 && d4 <= 3059) || d2 === 36 || d2 === 38 || d2 === 39) return digits >= 14; // Diners
      return d4 >= 3528 && d4 <= 3589 && digits >= 16; // JCB
    case 6: return digits >= 13; // Discover, UnionPay, Maestro
    default: return false;
  }
}

function visitRun(text: string, run: DigitRun, sink: SpanSink): void {
  for (let first = 0; first < run.count; first++) {
    let digits = 0;
    for (let last = first; last < run.count && last < first + 5; last++) {
      const len = groupLength(run, last);
      digits += len;
      if (digits > 19) break;
      const multi = last > first;
      // Printed card groupings start with 4 digits and use groups of 3-6 (4-4-4-4, 4-6-5, 4-4-4-4-3).
      if (multi && (len < 3 || len > 6 || groupLength(run, first) !== 4)) break;
      if (digits < 13 || !isCleanWindow(run, first, last, ' -')) continue;
      const start = run.starts[first] ?? 0;
      const end = run.ends[last] ?? 0;
      if (issuerAllows(text, start, digits) && passesLuhn(text, start, end)) {
        sink.add(start, end, '[CARD]');
        first = last;
        break;
      }
    }
  }
}

export const cardDetector: Detector = {
  name: 'card',
  mask: '[CARD]',
  minDigits: 13,
  scan() {
    // Everything happens in visitRun.
  },
  visitRun,
};
