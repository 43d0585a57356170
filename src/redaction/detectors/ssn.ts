import type { Detector, SpanSink } from './detector';
import { groupLength, isCleanWindow, type DigitRun } from './digit-runs';

/**
 * US Social Security numbers written `AAA-GG-SSSS` (or with spaces), filtered with the rules
 * the SSA never issues (and Presidio rejects): area 000, 666 or 9xx, group 00, serial 0000,
 * all digits equal, and the famous sample numbers.
 */
export function isPlausibleSsn(digits: string): boolean {
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000') return false;
  if (isOneDigitRepeated(digits)) return false;
  return digits !== '123456789' && digits !== '078051120' && digits !== '219099999';
}

function isOneDigitRepeated(digits: string): boolean {
  for (let i = 1; i < digits.length; i++) if (digits[i] !== digits[0]) return false;
  return true;
}

function visitRun(text: string, run: DigitRun, sink: SpanSink): void {
  for (let g = 0; g + 2 < run.count; g++) {
    if (groupLength(run, g) !== 3 || groupLength(run, g + 1) !== 2 || groupLength(run, g + 2) !== 4) continue;
    if (!isCleanWindow(run, g, g + 2, '- ')) continue;
    const start = run.starts[g] ?? 0;
    const end = run.ends[g + 2] ?? 0;
    const digits = text.slice(start, start + 3) + text.slice(start + 4, start + 6) + text.slice(start + 7, end);
    if (isPlausibleSsn(digits)) {
      sink.add(start, end, '[SSN]');
      g += 2;
    }
  }
}

export const ssnDetector: Detector = {
  name: 'ssn',
  mask: '[SSN]',
  minDigits: 9,
  scan() {
    // Everything happens in visitRun.
  },
  visitRun,
};
