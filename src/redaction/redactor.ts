import type { UniversalEvent } from '../events/universal-event';

/**
 * First version (issue 2): key-based redaction of metadata. Issue 4 replaces the
 * internals (detectors, limits) behind this same interface.
 */
export interface RedactionOptions {
  extraKeys: readonly string[];
  /** Detector names to enable; `['none']` turns value detection off. */
  patterns: readonly string[];
  maxEventBytes: number;
}

export interface Redactor {
  /** Redacts the event in place and returns it. Never throws. */
  redactEvent(event: UniversalEvent): UniversalEvent;
  /** Redacts one free-text string (log lines, error messages). */
  redactString(value: string): string;
}

const builtInKeys = [
  'password', 'passwd', 'secret', 'token', 'api_key', 'apikey', 'authorization', 'cookie',
  'session', 'ssn', 'credit_card', 'card_number', 'cvv', 'pin', 'private_key',
];

export function createRedactor(options: RedactionOptions): Redactor {
  const keys = [...builtInKeys, ...options.extraKeys.map((k) => k.toLowerCase())].map(normalizeKey);
  const isSensitive = (key: string): boolean => {
    const k = normalizeKey(key);
    return keys.some((s) => k.includes(s));
  };
  const walk = (value: unknown, depth: number): unknown => {
    if (depth > 8 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = isSensitive(k) ? '[REDACTED]' : walk(v, depth + 1);
    return out;
  };
  return {
    redactEvent(event) {
      event.metadata = walk(event.metadata, 0) as Record<string, unknown>;
      return event;
    },
    redactString: (value) => value,
  };
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}
