import { countDigits } from './char-class';
import type { Detector } from './detectors/detector';
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
 * Redacts one string: first structure (URL userinfo, sensitive `key=value` / JSON keys),
 * then the value detectors on what is left, so a detector never sees a half-removed value.
 * Returns the same string instance when nothing matched.
 */
export function createTextScanner(options: TextScannerOptions): (text: string) => string {
  const spans = new SpanCollector();
  const scanKeyed = createKeyedValueScanner(options.keyMatcher);
  const detectors = options.detectors;
  const digitsNeeded = detectors.reduce((max, d) => Math.max(max, d.minDigits), 0);
  return (input) => {
    if (input.length < minCandidateLength) return input;
    let text = input;
    if (text.includes('://')) scanUrlUserinfo(text, spans);
    if (text.includes('=') || text.includes(':')) scanKeyed(text, spans);
    if (spans.size > 0) text = spans.apply(text);
    const digits = digitsNeeded > 0 ? countDigits(text, digitsNeeded) : 0;
    for (const detector of detectors) {
      if (detector.minDigits <= digits) detector.scan(text, spans);
    }
    return spans.size > 0 ? spans.apply(text) : text;
  };
}
