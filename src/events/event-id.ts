import { ulid } from '../correlation/random-id';

/** `evt_` + ULID: unique, time-sortable, from a CSPRNG; assigned once, so stable across retries and replays. */
export function newEventId(): string {
  return `evt_${ulid()}`;
}
