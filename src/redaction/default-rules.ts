import { allDetectors } from './detectors/all-detectors';
import { createKeyMatcher, type KeyMatcher } from './sensitive-keys';
import { createTextScanner } from './text-scanner';

/** The built-in keys and every detector, compiled on first use, for the standalone sanitizers. */
let rules: { keyMatcher: KeyMatcher; scan: (text: string) => string } | undefined;

export function defaultRules(): { keyMatcher: KeyMatcher; scan: (text: string) => string } {
  if (rules === undefined) {
    const keyMatcher = createKeyMatcher();
    rules = { keyMatcher, scan: createTextScanner({ detectors: allDetectors, keyMatcher }) };
  }
  return rules;
}
