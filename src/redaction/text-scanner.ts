import { countDigits, hasDigit } from './char-class';
import type { Detector, SpanSink } from './detectors/detector';
import { forEachDigitRun, type DigitRun } from './detectors/digit-runs';
import { createKeyedValueScanner } from './keyed-values';
import type { KeyMatcher } from './sensitive-keys';
import { SpanCollector } from './span-collector';
import { scanUrlUserinfo } from './url-userinfo';

export interface TextScannerOptions {
  detectors: readonly Detector[];
  keyMatcher: KeyMatcher;
}

/** The shortest text any rule can match (`a@b.co`); shorter strings are returned as they are. */
const minCandidateLength = 6;

/**
 * Most strings of an event come back on every event (methods, routes, statements with their
 * literals already `?`, query keys) and hold nothing to redact. Those are remembered, so the
 * next time costs a hash lookup instead of every detector's pass: redaction 1.7 -> 1.2 us per
 * event (bench/micro/pipeline-stages.bench.mjs, redact). Only strings in which nothing was
 * found are kept, so the set never holds a value that a rule would mask; it is bounded in
 * count and length, and emptied when full, as the key matcher's cache is. Strings with a digit
 * are left out: they are mostly paths and messages with ids, seen once, and hashing them only
 * to miss cost more than the set saved (the pipeline bench's CPU profile).
 */
const maxCleanLength = 256;
const maxCleanStrings = 2048;

/**
 * Redacts one string: first structure (URL userinfo, sensitive `key=value` / JSON keys),
 * then the value detectors on what is left, so a detector never sees a half-removed value.
 * Returns the same string instance when nothing matched.
 */
export function createTextScanner(options: TextScannerOptions): (text: string) => string {
  const spans = new SpanCollector();
  const scanKeyed = createKeyedValueScanner(options.keyMatcher);
  const detectors = options.detectors;
  const digitsNeeded = detectors.reduce((max, d) => Math.max(max, d.minDigits), 0);
  const runVisitors = detectors.filter((d) => d.visitRun !== undefined);
  const minRunDigits = runVisitors.reduce((min, d) => Math.min(min, d.minDigits), Infinity);
  const visitRun = (text: string, run: DigitRun, sink: SpanSink): void => {
    for (const d of runVisitors) d.visitRun?.(text, run, sink);
  };
  const clean = new Set<string>();
  return (input) => {
    if (input.length < minCandidateLength) return input;
    const cacheable = input.length <= maxCleanLength && !hasDigit(input);
    if (cacheable && clean.has(input)) return input;
    let text = input;
    if (text.includes('://')) scanUrlUserinfo(text, spans);
    if (text.includes('=') || text.includes(':')) scanKeyed(text, spans);
    if (spans.size > 0) text = spans.apply(text);
    const digits = digitsNeeded > 0 ? countDigits(text, digitsNeeded) : 0;
    for (const detector of detectors) {
      if (detector.minDigits <= digits) detector.scan(text, spans);
    }
    if (digits >= minRunDigits) forEachDigitRun(text, visitRun, spans);
    if (spans.size > 0) return spans.apply(text);
    if (cacheable && text === input) {
      if (clean.size >= maxCleanStrings) clean.clear();
      clean.add(input);
    }
    return text;
  };
}
