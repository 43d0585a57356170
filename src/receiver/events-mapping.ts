import type { UniversalEvent } from '../events/universal-event';
import type { BodyError, MappedBody, Rejection } from './ingest-result';
import { validateEvent } from './validate-event';

/** `POST /events` (SPEC section 4): a JSON array of universal events, each checked on its own. */
export function mapEventsBody(body: unknown): MappedBody | BodyError {
  if (!Array.isArray(body)) return { error: 'body must be a JSON array of universal events' };
  const events: UniversalEvent[] = [];
  const rejected: Rejection[] = [];
  body.forEach((item: unknown, index: number) => {
    const check = validateEvent(item);
    if (check.ok) events.push(check.event);
    else rejected.push({ index, error: check.error });
  });
  return { events, rejected };
}
