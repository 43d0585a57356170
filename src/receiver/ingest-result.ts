import type { UniversalEvent } from '../events/universal-event';

/** One input item the receiver refused, reported back by its position in the body. */
export interface Rejection {
  index: number;
  error: string;
}

/** What a route's mapper made of a parsed body: events to store and items refused. */
export interface MappedBody {
  events: UniversalEvent[];
  rejected: Rejection[];
}

/** A whole body refused (wrong shape): answered 400 with this message. */
export interface BodyError {
  error: string;
}

export function isBodyError(value: MappedBody | BodyError): value is BodyError {
  return 'error' in value;
}
