import type { Correlation, UniversalEvent } from '../events/universal-event';

/**
 * A universal event's JSON text, cheaper than `JSON.stringify` of the whole event. On Node 20,
 * V8's stringify enters the runtime and checks and appends every character one by one (~20
 * instructions per byte under callgrind), and a third of an event's bytes are its key names,
 * another quarter its `platform`, which is the same object on every event of the process.
 *
 * Here the key names are constant text, `platform` is serialized once per object, and the
 * strings are joined as they are. Every string joined that way, keys of `metadata`, `actor`,
 * `subject` and `error` included, also goes into one check string, tested once at the end by a
 * compiled regexp for anything JSON would escape. One test per event, not one per string: a test
 * of a string built by concatenation (ids, actions, sanitized URLs and statements all are) goes
 * through V8's runtime and costs ~2k instructions before it reads a character. When the test
 * finds something in the objects (a statement with quoted identifiers, an error's stack), they
 * are written again through `JSON.stringify`; when it is in the head, the whole event is. So
 * escapes, `toJSON` and errors (BigInt, cycles) stay exactly JSON.stringify's own.
 *
 * The text parses to the same value as `JSON.stringify(event)`; only the order of `actor`,
 * `subject` and `error`, which producers add in different orders, may differ. An event of any
 * other shape than the universal event's (a missing or non-string required field) is
 * serialized by `JSON.stringify` as it is.
 */
export class EventText {
  private platform: unknown;
  private platformText = '';
  /** The keys and strings of the objects being written, joined as they are, for the one test. */
  private unchecked = '';

  of(event: UniversalEvent): string {
    const { event_id: id, timestamp, event_type: type, action, outcome, correlation: c, metadata, platform } = event;
    if (
      typeof id !== 'string' || typeof timestamp !== 'string' || typeof type !== 'string' || typeof action !== 'string'
      || typeof outcome !== 'string' || typeof c !== 'object' || c === null || typeof metadata !== 'object' || metadata === null
      || typeof platform !== 'object' || platform === null
    ) {
      return JSON.stringify(event);
    }
    const { trace_id: trace, span_id: span, parent_span_id: parent, request_id: request, session_id: session, flow_id: flow } = c;
    if (typeof trace !== 'string' || !isOptionalString(span) || !isOptionalString(parent) || !isOptionalString(request) || !isOptionalString(session) || !isOptionalString(flow)) {
      return JSON.stringify(event);
    }
    // The agent's platform object is frozen and shared by every event: serialized once.
    if (platform !== this.platform) {
      this.platformText = member('platform', platform);
      this.platform = platform;
    }
    const headStrings = `${id}${timestamp}${type}${action}${outcome}${trace}${span ?? ''}${parent ?? ''}${request ?? ''}${session ?? ''}${flow ?? ''}`;
    let head = `{"event_id":"${id}","timestamp":"${timestamp}","event_type":"${type}","action":"${action}","outcome":"${outcome}","correlation":{"trace_id":"${trace}"`;
    if (span !== undefined) head += `,"span_id":"${span}"`;
    if (parent !== undefined) head += `,"parent_span_id":"${parent}"`;
    if (request !== undefined) head += `,"request_id":"${request}"`;
    if (session !== undefined) head += `,"session_id":"${session}"`;
    if (flow !== undefined) head += `,"flow_id":"${flow}"`;
    head += '}';
    this.unchecked = headStrings;
    let text = `${head}${this.object('metadata', metadata)}${this.platformText}`;
    if (event.actor !== undefined) text += this.object('actor', event.actor);
    if (event.subject !== undefined) text += this.object('subject', event.subject);
    if (event.error !== undefined) text += this.object('error', event.error);
    if (plain(this.unchecked)) return `${text}}`;
    if (!plain(headStrings)) return JSON.stringify(event);
    // Something in an object needs an escape (a statement with quoted identifiers, an error's
    // stack): the head stands, the objects go through JSON.stringify.
    text = `${head}${member('metadata', metadata)}${this.platformText}`;
    if (event.actor !== undefined) text += member('actor', event.actor);
    if (event.subject !== undefined) text += member('subject', event.subject);
    if (event.error !== undefined) text += member('error', event.error);
    return `${text}}`;
  }

  /**
   * `,"key":{...}` for a plain object of strings, finite numbers, booleans and nulls, its keys and
   * strings added to the check; anything else through `member` (JSON.stringify).
   */
  private object(key: string, value: unknown): string {
    if (typeof value !== 'object' || value === null) return member(key, value);
    const proto: unknown = Object.getPrototypeOf(value);
    if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) return member(key, value);
    const record = value as Record<string, unknown>;
    let text = `,"${key}":{`;
    let comma = '';
    let strings = '';
    for (const name of Object.keys(record)) {
      const v = record[name];
      switch (typeof v) {
        case 'string':
          text += `${comma}"${name}":"${v}"`;
          strings += name + v;
          break;
        case 'number':
          text += `${comma}"${name}":${Number.isFinite(v) ? v : 'null'}`;
          strings += name;
          break;
        case 'boolean':
          text += `${comma}"${name}":${v}`;
          strings += name;
          break;
        case 'undefined':
        case 'function':
        case 'symbol':
          continue; // left out, as JSON.stringify leaves them out of an object
        default:
          if (v !== null) return member(key, value);
          text += `${comma}"${name}":null`;
          strings += name;
      }
      comma = ',';
    }
    this.unchecked += strings;
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
