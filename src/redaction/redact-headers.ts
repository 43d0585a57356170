import { defaultRules } from './default-rules';
import { redactedMask } from './keyed-values';
import type { KeyMatcher } from './sensitive-keys';

export type Headers = Readonly<Record<string, string | readonly string[] | number | undefined>>;
export type RedactedHeaders = Record<string, string | string[]>;

/**
 * Header maps (`IncomingHttpHeaders`, `OutgoingHttpHeaders`): sensitive names
 * (`authorization`, `cookie`, `set-cookie`, `x-api-key`, `*-token`, ...) become
 * `[REDACTED]`; other values go through the detectors. Absent values are dropped.
 */
export function createHeaderRedactor(isSensitive: KeyMatcher, scan: (text: string) => string): (headers: Headers) => RedactedHeaders {
  return (headers) => {
    const out: RedactedHeaders = {};
    for (const name of Object.keys(headers)) {
      const value = headers[name];
      if (value === undefined || name === '__proto__') continue;
      if (isSensitive(name)) out[name] = redactedMask;
      else out[name] = typeof value === 'object' ? value.map((v) => scan(String(v))) : scan(String(value));
    }
    return out;
  };
}

let standalone: ((headers: Headers) => RedactedHeaders) | undefined;

/** Redacts a header map with the built-in keys and detectors. */
export function redactHeaders(headers: Headers): RedactedHeaders {
  if (standalone === undefined) {
    const rules = defaultRules();
    standalone = createHeaderRedactor(rules.keyMatcher, rules.scan);
  }
  return standalone(headers);
}
