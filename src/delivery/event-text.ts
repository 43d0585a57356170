import type { Correlation, UniversalEvent } from '../events/universal-event';

/**
 * A universal event's JSON text, cheaper than `JSON.stringify` of the whole event. On Node 20,
 * V8's stringify checks and appends every character one by one (~20 instructions per byte under
 * callgrind), and a third of an event's bytes are its key names, another quarter its `platform`,
 * which is the same object on every event of the process. Here the key names are constant text,
 * `platform` is serialized once per object, and a string value is joined as it is when one
 * compiled regexp finds nothing to escape in it. What is not known in advance (`metadata`,
 * `actor`, `subject`, `error`, any string that needs an escape) goes through `JSON.stringify`,
 * so escapes, `toJSON` and errors (BigInt, cycles) stay exactly its own.
 *
 * The text parses to the same value as `JSON.stringify(event)`; only the order of `actor`,
 * `subject` and `error`, which producers add in different orders, may differ. An event of any
 * other shape than the universal event's (a missing or non-string required field) is
 * serialized by `JSON.stringify` as it is.
 */
export class EventText {
  private platform: unknown;
  private platformText = '';

  of(event: UniversalEvent): string {
    const { event_id: id, timestamp, event_type: type, action, outcome, correlation, metadata, platform } = event;
    if (
      typeof id !== 'string' || typeof timestamp !== 'string' || typeof type !== 'string' || typeof action !== 'string'
      || typeof outcome !== 'string' || typeof correlation !== 'object' || correlation === null || typeof correlation.trace_id !== 'string'
      || typeof metadata !== 'object' || metadata === null || typeof platform !== 'object' || platform === null
    ) {
      return JSON.stringify(event);
    }
    // The common case in one template, quotes included: each `+` of a rope costs as much as
    // checking ~10 characters, and the rope is walked again when it is written.
    let text = plain(id) && plain(timestamp) && plain(type) && plain(action) && plain(outcome)
      ? `{"event_id":"${id}","timestamp":"${timestamp}","event_type":"${type}","action":"${action}","outcome":"${outcome}","correlation":`
      : `{"event_id":${quote(id)},"timestamp":${quote(timestamp)},"event_type":${quote(type)},"action":${quote(action)},"outcome":${quote(outcome)},"correlation":`;
    text += correlationText(correlation) + member('metadata', metadata);
    // The agent's platform object is frozen and shared by every event: serialized once.
    if (platform !== this.platform) {
      this.platformText = member('platform', platform);
      this.platform = platform;
    }
    text += this.platformText;
    if (event.actor !== undefined) text += member('actor', event.actor);
    if (event.subject !== undefined) text += member('subject', event.subject);
    if (event.error !== undefined) text += member('error', event.error);
    return `${text}}`;
  }
}

/** Printable ASCII except `"` and `\`: nothing to escape. */
const needsNoEscape = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function plain(value: string): boolean {
  return needsNoEscape.test(value);
}

/** `,"key":value`, or nothing where JSON.stringify leaves the key out (a `toJSON` giving undefined). */
function member(key: string, value: unknown): string {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? '' : `,"${key}":${text}`;
}

function quote(value: string): string {
  return plain(value) ? `"${value}"` : JSON.stringify(value);
}

/** `correlation` in its fields' order (the order its producers give them). */
function correlationText(c: Correlation): string {
  const { span_id: span, parent_span_id: parent, request_id: request, session_id: session, flow_id: flow } = c;
  if (!isOptionalString(span) || !isOptionalString(parent) || !isOptionalString(request) || !isOptionalString(session) || !isOptionalString(flow)) {
    return JSON.stringify(c);
  }
  const trace = c.trace_id;
  let text: string;
  if (span !== undefined && plain(trace) && plain(span)) {
    // A span's own ids, the common case, in one template (see `of`).
    text = `{"trace_id":"${trace}","span_id":"${span}"`;
  } else {
    text = `{"trace_id":${quote(trace)}`;
    if (span !== undefined) text += `,"span_id":${quote(span)}`;
  }
  if (parent !== undefined) text += `,"parent_span_id":${quote(parent)}`;
  if (request !== undefined) text += `,"request_id":${quote(request)}`;
  if (session !== undefined) text += `,"session_id":${quote(session)}`;
  if (flow !== undefined) text += `,"flow_id":${quote(flow)}`;
  return `${text}}`;
}

function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}

/**
 * Every field `EventText` writes. Typed against the interfaces, so a field added to the universal
 * event or to its correlation without being written here fails to compile.
 */
export const writtenEventFields = {
  event_id: true, timestamp: true, event_type: true, action: true, outcome: true, actor: true, subject: true,
  correlation: true, metadata: true, error: true, platform: true,
} as const satisfies Record<keyof UniversalEvent, true>;
export const writtenCorrelationFields = {
  trace_id: true, span_id: true, parent_span_id: true, request_id: true, session_id: true, flow_id: true,
} as const satisfies Record<keyof Correlation, true>;
