import type { Ref, UniversalEvent } from '../events/universal-event';
import { compileCustomRules, type CustomRule } from './custom-rules';
import { selectDetectors } from './detectors/all-detectors';
import { fitEventSize } from './event-size';
import { defaultLimits, type PayloadLimits } from './limits';
import { createHeaderRedactor, type Headers, type RedactedHeaders } from './redact-headers';
import { RedactionStats } from './redaction-stats';
import { createUrlSanitizer } from './sanitize-url';
import { createKeyMatcher } from './sensitive-keys';
import { redactText, snapshotValue, type WalkState } from './snapshot-value';
import { createTextScanner } from './text-scanner';
import { truncateString } from './truncate';

export interface RedactionOptions {
  /** Extra sensitive key names (`EZLOGS_REDACT_KEYS`): case-insensitive substring of the key. */
  extraKeys: readonly string[];
  /** Detector names to enable; `['none']` turns value detection off. */
  patterns: readonly string[];
  maxEventBytes: number;
  /** Detectors to turn off even when `patterns` lists them. */
  disabledDetectors?: readonly string[];
  /** The user's own value rules (`EZLOGS_REDACT_RULES`). */
  customRules?: readonly CustomRule[];
  /** `actor.email` / `subject.email` become `[EMAIL]` (default true). */
  maskActorEmail?: boolean;
  limits?: Partial<Omit<PayloadLimits, 'maxEventBytes'>>;
}

export interface Redactor {
  /** Redacts the event in place and returns it. Never throws. */
  redactEvent(event: UniversalEvent): UniversalEvent;
  /** Redacts one free-text string (log lines, error messages), cut to the string limit. */
  redactString(value: string): string;
  /** `sanitizeUrl` with this redactor's keys and detectors. */
  sanitizeUrl(url: string): string;
  /** Header map with sensitive headers `[REDACTED]` and detectors applied to the rest. */
  redactHeaders(headers: Headers): RedactedHeaders;
  /** Truncation and limit counters by kind (`health().truncations`). */
  stats(): Record<string, number>;
}

// Correlation ids and reference ids are kept verbatim (they are the point of the event), only bounded.
const maxIdLength = 256;

export function createRedactor(options: RedactionOptions): Redactor {
  const limits: PayloadLimits = { ...defaultLimits, ...options.limits, maxEventBytes: options.maxEventBytes };
  const detectors = [...selectDetectors(options.patterns, options.disabledDetectors), ...compileCustomRules(options.customRules ?? [])];
  const keyMatcher = createKeyMatcher(options.extraKeys);
  const scan = createTextScanner({ detectors, keyMatcher });
  const stats = new RedactionStats();
  const maskEmail = options.maskActorEmail ?? true;
  const state: WalkState = {
    limits, stats, scan, isSensitive: keyMatcher, scanNumbers: detectors.some((d) => d.name === 'card'),
    nodes: 0, size: 0, truncated: false, path: [],
  };
  // Below this approximate size (code units) the event cannot exceed the cap even if every
  // character needed a 6-byte JSON escape, so the exact (serializing) check is skipped.
  const exactCheckAbove = limits.maxEventBytes / 6;

  const redactRef = (ref: Ref): Ref => {
    const out = snapshotValue(ref, state, 1) as Record<string, unknown>;
    out.type = truncateString(String(ref.type), maxIdLength);
    out.id = truncateString(String(ref.id), maxIdLength);
    if (typeof ref.email === 'string') out.email = maskEmail ? '[EMAIL]' : truncateString(ref.email, maxIdLength);
    return out as Ref;
  };

  const redactEvent = (event: UniversalEvent): void => {
    state.nodes = 0;
    state.size = 300;
    state.truncated = false;
    state.path.length = 0;
    event.action = redactText(String(event.action), state);
    const metadata = snapshotValue(event.metadata ?? {}, state, 0);
    event.metadata = metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata)
      ? (metadata as Record<string, unknown>) : { value: metadata };
    if (event.error) {
      event.error.type = redactText(String(event.error.type), state);
      event.error.message = redactText(String(event.error.message), state);
      if (event.error.stack !== undefined) event.error.stack = redactText(String(event.error.stack), state);
    }
    if (event.actor) event.actor = redactRef(event.actor);
    if (event.subject) event.subject = redactRef(event.subject);
    const c = event.correlation;
    for (const key of Object.keys(c) as (keyof typeof c)[]) {
      const id = c[key];
      if (typeof id === 'string' && id.length > maxIdLength) c[key] = truncateString(id, maxIdLength);
    }
    if (state.truncated) event.metadata._truncated = true;
    if (state.size > exactCheckAbove) fitEventSize(event, limits.maxEventBytes, limits.maxStringLength, stats);
  };

  return {
    redactEvent(event) {
      try {
        redactEvent(event);
      } catch {
        // Unreachable by design; if it happens, ship nothing of the payload rather than risk a leak.
        stats.add('redaction_failed');
        event.metadata = { _truncated: true, _redaction_failed: true };
        delete event.error;
        delete event.actor;
        delete event.subject;
      }
      return event;
    },
    redactString(value) {
      try {
        state.size = 0;
        return redactText(String(value), state);
      } catch {
        stats.add('redaction_failed');
        return '[REDACTED]';
      }
    },
    sanitizeUrl: createUrlSanitizer(keyMatcher, scan),
    redactHeaders: createHeaderRedactor(keyMatcher, scan),
    stats: () => stats.snapshot(),
  };
}
