import { bearerDetector } from './bearer';
import { cardDetector } from './card';
import type { Detector } from './detector';
import { emailDetector } from './email';
import { ibanDetector } from './iban';
import { jwtDetector } from './jwt';
import { phoneDetector } from './phone';
import { secretDetector } from './secret';
import { ssnDetector } from './ssn';

/**
 * Every built-in detector by its `EZLOGS_REDACT_PATTERNS` name. Order is priority when two
 * matches overlap: structured tokens (JWT, vendor secrets) before the looser numeric shapes.
 */
export const allDetectors: readonly Detector[] = [
  jwtDetector, secretDetector, bearerDetector, emailDetector, ibanDetector, cardDetector, ssnDetector, phoneDetector,
];

/** The detectors `patterns` enables (`['none']` = none), minus `disabled`. Unknown names are ignored. */
export function selectDetectors(patterns: readonly string[], disabled: readonly string[] = []): Detector[] {
  const wanted = new Set(patterns.map((p) => p.trim().toLowerCase()));
  const off = new Set(disabled.map((d) => d.trim().toLowerCase()));
  if (wanted.has('none')) return [];
  return allDetectors.filter((d) => wanted.has(d.name) && !off.has(d.name));
}
