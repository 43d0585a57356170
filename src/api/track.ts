import { context } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { agentState, runningAgent } from '../agent-state';
import { diag } from '../diag';
import { setPendingTrack, type TrackFields } from '../events/pending-track';

const maxNameLength = 200;

/**
 * A custom business event, emitted through the OpenTelemetry logs SDK inside the current
 * trace context. Never throws, whatever it is given: bad names are coerced and shortened,
 * hostile metadata is made safe by the redactor.
 */
export function track(eventType: string, action: string, fields?: TrackFields): void {
  try {
    const running = runningAgent();
    if (!running || agentState().shutdown) return;
    const type = name(eventType, 'custom');
    const act = name(action, 'unknown');
    setPendingTrack({ eventType: type, action: act, fields: fields && typeof fields === 'object' ? fields : undefined });
    try {
      running.logger().emit({
        severityNumber: fields?.outcome === 'failure' ? SeverityNumber.WARN : SeverityNumber.INFO,
        eventName: type,
        body: act,
        attributes: { 'ezlogs.event_type': type, 'ezlogs.action': act },
        context: context.active(),
      });
    } finally {
      setPendingTrack(undefined);
    }
  } catch (err) {
    diag.once('warn', 'track-threw', `track() could not record an event: ${String(err)}`);
  }
}

function name(value: unknown, fallback: string): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : value === undefined || value === null ? fallback : String(value);
  } catch {
    text = fallback;
  }
  text = text.trim();
  if (text === '') return fallback;
  return text.length > maxNameLength ? text.slice(0, maxNameLength) : text;
}
