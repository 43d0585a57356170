import type { DigitRun } from './digit-runs';

/** Where a detector found something: the half-open range [start, end) and what replaces it. */
export interface SpanSink {
  add(start: number, end: number, mask: string): void;
}

/**
 * A value detector. `scan` must run in time linear in `text.length` and report every match;
 * it allocates nothing when there is no match. `minDigits` lets the scanner skip detectors
 * that cannot match a string with fewer digits (one shared count per string).
 */
export interface Detector {
  readonly name: string;
  readonly mask: string;
  readonly minDigits: number;
  scan(text: string, sink: SpanSink): void;
  /** Numeric detectors also inspect each digit run; the scanner reads the runs once for all of them. */
  visitRun?(text: string, run: DigitRun, sink: SpanSink): void;
}
