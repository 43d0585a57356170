import { runningAgent } from '../agent-state';
import { start } from '../agent';
import type { EventSink } from '../events/event-sink';
import type { UniversalEvent } from '../events/universal-event';
import { describeEvent, describeMatcher, matches, type EventMatcher } from './event-matcher';

export interface EventCapture {
  /** Every event captured so far, in the order the agent finished them (already redacted). */
  readonly events: readonly UniversalEvent[];
  find(matcher: EventMatcher): UniversalEvent | undefined;
  filter(matcher: EventMatcher): UniversalEvent[];
  /** Resolves with the first event (already captured or still to come) that matches. */
  waitFor(matcher: EventMatcher, options?: { timeoutMs?: number }): Promise<UniversalEvent>;
  /** Resolves when `count` matching events have been captured. */
  waitForCount(matcher: EventMatcher, count: number, options?: { timeoutMs?: number }): Promise<UniversalEvent[]>;
  clear(): void;
  stop(): void;
}

interface Waiter {
  check(): boolean;
}

/**
 * Captures the events the app produces, in memory, for the app's own tests. Starts the
 * agent with no network exporter if it is not running yet.
 */
export function captureEvents(): EventCapture {
  if (!runningAgent()) void start({ exporters: ['none'] });
  const running = runningAgent();
  if (!running) throw new Error('captureEvents(): the agent is disabled (EZLOGS_DISABLED or OTEL_SDK_DISABLED), so no events can be captured');
  const events: UniversalEvent[] = [];
  const waiters = new Set<Waiter>();
  const sink: EventSink = {
    name: 'test-capture',
    accept(event) {
      // A copy: what the test sees is exactly what left the pipeline, even if a sink mutates later.
      events.push(structuredClone(event));
      for (const waiter of waiters) if (waiter.check()) waiters.delete(waiter);
    },
    flush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
  running.pipeline.addSink(sink);

  const waitForCount = (matcher: EventMatcher, count: number, options?: { timeoutMs?: number }): Promise<UniversalEvent[]> => {
    const timeoutMs = options?.timeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check() {
          const found = events.filter((e) => matches(e, matcher));
          if (found.length < count) return false;
          clearTimeout(timer);
          resolve(found.slice(0, count));
          return true;
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        const seen = events.length === 0 ? '  (none)' : events.map((e) => `  - ${describeEvent(e)}`).join('\n');
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} event(s) matching ${describeMatcher(matcher)}; captured ${events.length}:\n${seen}`));
      }, timeoutMs);
      timer.unref();
      if (!waiter.check()) waiters.add(waiter);
    });
  };

  return {
    events,
    find: (matcher) => events.find((e) => matches(e, matcher)),
    filter: (matcher) => events.filter((e) => matches(e, matcher)),
    waitFor: async (matcher, options) => (await waitForCount(matcher, 1, options))[0] as UniversalEvent,
    waitForCount,
    clear: () => {
      events.length = 0;
    },
    stop: () => running.pipeline.removeSink(sink),
  };
}
