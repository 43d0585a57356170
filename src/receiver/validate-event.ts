import type { UniversalEvent } from '../events/universal-event';

export type EventCheck = { ok: true; event: UniversalEvent } | { ok: false; error: string };

const maxIdLength = 200;

/**
 * Checks one element of a `POST /events` body against SPEC section 3. The error names the
 * field and what is expected, because it goes back to the sender as `rejected[i].error`.
 * Only what the receiver relies on is required; unknown fields are kept.
 */
export function validateEvent(value: unknown): EventCheck {
  if (!isObject(value)) return fail('event must be a JSON object');
  const e = value;
  if (typeof e.event_id !== 'string' || e.event_id === '' || e.event_id.length > maxIdLength) {
    return fail(`event_id must be a non-empty string of at most ${maxIdLength} characters`);
  }
  if (typeof e.timestamp !== 'string' || Number.isNaN(Date.parse(e.timestamp))) return fail('timestamp must be an ISO-8601 string');
  if (typeof e.event_type !== 'string' || e.event_type === '') return fail('event_type must be a non-empty string');
  if (typeof e.action !== 'string') return fail('action must be a string');
  if (e.outcome !== 'success' && e.outcome !== 'failure') return fail('outcome must be "success" or "failure"');
  if (!isObject(e.correlation) || typeof e.correlation.trace_id !== 'string') return fail('correlation.trace_id must be a string');
  if (e.metadata !== undefined && !isObject(e.metadata)) return fail('metadata must be an object');
  if (!isObject(e.platform) || typeof e.platform.service !== 'string' || e.platform.service === '') {
    return fail('platform.service must be a non-empty string');
  }
  for (const ref of ['actor', 'subject'] as const) {
    const r = e[ref];
    if (r !== undefined && (!isObject(r) || typeof r.type !== 'string' || typeof r.id !== 'string')) {
      return fail(`${ref} must be an object with string type and id`);
    }
  }
  if (e.error !== undefined && (!isObject(e.error) || typeof e.error.message !== 'string')) return fail('error must be an object with a string message');
  const event = (e.metadata === undefined ? { ...e, metadata: {} } : e) as unknown as UniversalEvent;
  return { ok: true, event };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(error: string): EventCheck {
  return { ok: false, error };
}
