import { countDigits } from './char-class';
import { CleanStrings } from './clean-strings';
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
 * Strings up to this long are remembered once found clean (see CleanStrings); longer ones are
 * rarely repeated and would make the memory large.
 */
const maxCleanLength = 256;
const cleanPerGeneration = 2048;

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
  const clean = new CleanStrings(cleanPerGeneration);
  return (input) => {
    if (input.length < minCandidateLength) return input;
    const cacheable = input.length <= maxCleanLength;
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
    if (cacheable && text === input) clean.add(input);
    return text;
  };
}
