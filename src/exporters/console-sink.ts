import type { EventSink } from '../events/event-sink';
import type { UniversalEvent } from '../events/universal-event';

/**
 * One readable line per event on stderr, so a person can watch their app's flows:
 *   10:30:00.123 http.request   POST /orders/:id  success 12.41ms  trace=4bf92f35 req=req_01J.. actor=user:123
 * Writes are synchronous on purpose: it is a development aid, and order matters more than speed.
 */
export function createConsoleSink(write: (line: string) => void = defaultWrite): EventSink {
  const color = process.stderr.isTTY === true;
  return {
    name: 'console',
    accept(event) {
      write(formatEventLine(event, color));
    },
    flush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}

export function formatEventLine(event: UniversalEvent, color = false): string {
  const time = event.timestamp.slice(11, 23);
  const duration = typeof event.metadata.duration_ms === 'number' ? ` ${event.metadata.duration_ms}ms` : '';
  const c = event.correlation;
  const parts = [`trace=${c.trace_id.slice(0, 8)}`];
  if (c.request_id) parts.push(`req=${c.request_id}`);
  if (event.actor) parts.push(`actor=${event.actor.type}:${event.actor.id}`);
  if (c.flow_id) parts.push(`flow=${c.flow_id}`);
  const outcome = color ? (event.outcome === 'failure' ? `\x1b[31m${event.outcome}\x1b[0m` : `\x1b[32m${event.outcome}\x1b[0m`) : event.outcome;
  const error = event.error ? `  ${event.error.type}: ${event.error.message.split('\n', 1)[0]}` : '';
  return `[ezlogs] ${time} ${event.event_type.padEnd(13)} ${event.action}  ${outcome}${duration}  ${parts.join(' ')}  ${event.platform.service}${error}\n`;
}

function defaultWrite(line: string): void {
  try {
    process.stderr.write(line);
  } catch {
    // A closed stderr must not break the app.
  }
}
