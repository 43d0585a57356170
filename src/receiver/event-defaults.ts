import { randomBytes } from 'node:crypto';

/** OpenTelemetry's invalid trace id: what an event outside any trace carries, so trace_id is always present. */
export const noTraceId = '00000000000000000000000000000000';

/** An id for input that arrived without one (a plain log line); such items cannot be de-duplicated. */
export function receiverEventId(): string {
  return `evt_rcv_${randomBytes(12).toString('hex')}`;
}

/** The receiver's own platform block for senders that say nothing about themselves. */
export function unknownPlatform(service: string): { service: string; environment: string; host: string; sdk: string; runtime: string } {
  return { service, environment: 'unknown', host: 'unknown', sdk: 'unknown', runtime: 'unknown' };
}

const failureLevels = new Set(['error', 'fatal', 'critical']);

/** A log level that marks the line as a failed outcome. */
export function isFailureLevel(level: string): boolean {
  return failureLevels.has(level.toLowerCase());
}
