import type { Outcome, Ref } from './universal-event';

export interface TrackFields {
  actor?: Ref;
  subject?: Ref;
  metadata?: Record<string, unknown>;
  outcome?: Outcome;
}

/**
 * `track()` hands the caller's fields to the log processor beside the log record, not
 * inside it: the logs SDK copies and validates attributes, and the caller's values may be
 * hostile (cycles, BigInt, getters that throw). `emit` calls `onEmit` synchronously, so a
 * one-slot hand-off is exact; the redactor makes the values safe once, in the pipeline.
 */
let pending: { eventType: string; action: string; fields: TrackFields | undefined } | undefined;

export function setPendingTrack(value: typeof pending): void {
  pending = value;
}

export function takePendingTrack(): typeof pending {
  const value = pending;
  pending = undefined;
  return value;
}
