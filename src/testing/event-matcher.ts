import type { UniversalEvent } from '../events/universal-event';

/** What a test asks for: fields to compare (a RegExp matches strings), or any predicate. */
export type EventMatcher =
  | {
      event_type?: string | RegExp;
      action?: string | RegExp;
      outcome?: 'success' | 'failure';
      trace_id?: string;
      request_id?: string;
    }
  | ((event: UniversalEvent) => boolean);

export function matches(event: UniversalEvent, matcher: EventMatcher): boolean {
  if (typeof matcher === 'function') return matcher(event);
  return (
    same(event.event_type, matcher.event_type) &&
    same(event.action, matcher.action) &&
    same(event.outcome, matcher.outcome) &&
    same(event.correlation.trace_id, matcher.trace_id) &&
    same(event.correlation.request_id, matcher.request_id)
  );
}

export function describeMatcher(matcher: EventMatcher): string {
  if (typeof matcher === 'function') return matcher.name ? `predicate ${matcher.name}` : 'a predicate';
  return Object.entries(matcher)
    .map(([k, v]) => `${k}=${v instanceof RegExp ? String(v) : JSON.stringify(v)}`)
    .join(' ');
}

export function describeEvent(event: UniversalEvent): string {
  const c = event.correlation;
  return `${event.event_type} "${event.action}" ${event.outcome} trace=${c.trace_id} span=${c.span_id ?? '-'} parent=${c.parent_span_id ?? '-'} req=${c.request_id ?? '-'}`;
}

function same(actual: string | undefined, expected: string | RegExp | undefined): boolean {
  if (expected === undefined) return true;
  if (actual === undefined) return false;
  return expected instanceof RegExp ? expected.test(actual) : actual === expected;
}
