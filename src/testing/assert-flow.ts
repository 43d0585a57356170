import type { UniversalEvent } from '../events/universal-event';
import { describeEvent, describeMatcher, matches, type EventMatcher } from './event-matcher';

export class FlowAssertionError extends Error {
  override name = 'FlowAssertionError';
}

/**
 * Asserts that one trace holds an event for every step and that they form one correlated
 * chain: one trace_id, one request_id where set, and every parent_span_id pointing at a
 * span of the chain (or at the chain's single entry point). Returns the events of the steps.
 */
export function assertFlow(events: readonly UniversalEvent[], steps: readonly EventMatcher[]): UniversalEvent[] {
  if (steps.length === 0) throw new FlowAssertionError('assertFlow: give at least one step');
  const first = events.find((e) => matches(e, steps[0] as EventMatcher));
  if (!first) throw new FlowAssertionError(`assertFlow: no event matches step 1 (${describeMatcher(steps[0] as EventMatcher)})\n${listing(events)}`);
  const traceId = first.correlation.trace_id;
  const trace = events.filter((e) => e.correlation.trace_id === traceId);
  const found: UniversalEvent[] = [];
  steps.forEach((step, i) => {
    const event = trace.find((e) => matches(e, step));
    if (!event) {
      throw new FlowAssertionError(`assertFlow: trace ${traceId} has no event for step ${i + 1} (${describeMatcher(step)})\n${listing(trace)}`);
    }
    found.push(event);
  });
  assertCorrelated(trace);
  return found;
}

/** Asserts that events share one trace and one request id and that their parent links are consistent. */
export function assertCorrelated(events: readonly UniversalEvent[]): void {
  if (events.length === 0) throw new FlowAssertionError('assertCorrelated: no events');
  const traceIds = new Set(events.map((e) => e.correlation.trace_id));
  if (traceIds.size !== 1) throw new FlowAssertionError(`assertCorrelated: events span ${traceIds.size} traces\n${listing(events)}`);
  const requestIds = new Set(events.flatMap((e) => (e.correlation.request_id ? [e.correlation.request_id] : [])));
  if (requestIds.size > 1) throw new FlowAssertionError(`assertCorrelated: events carry ${requestIds.size} request ids (${[...requestIds].join(', ')})\n${listing(events)}`);
  const spanIds = new Set(events.flatMap((e) => (e.correlation.span_id ? [e.correlation.span_id] : [])));
  const dangling = new Set(events.flatMap((e) => (e.correlation.parent_span_id && !spanIds.has(e.correlation.parent_span_id) ? [e.correlation.parent_span_id] : [])));
  // One dangling parent is the chain's entry point (a remote caller, or a span not made an event).
  if (dangling.size > 1) throw new FlowAssertionError(`assertCorrelated: parent ids ${[...dangling].join(', ')} point outside the chain\n${listing(events)}`);
}

function listing(events: readonly UniversalEvent[]): string {
  return events.length === 0 ? 'captured: (none)' : `captured:\n${events.map((e) => `  - ${describeEvent(e)}`).join('\n')}`;
}
