import { diag as otelDiag, SpanStatusCode, type Attributes, type AttributeValue, type Exception, type HrTime, type Link, type Span as ApiSpan, type SpanContext, type SpanKind, type SpanStatus, type TimeInput } from '@opentelemetry/api';
import { addHrTimes, isAttributeValue, isTimeInputHrTime, millisToHrTime, type InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanProcessor, TimedEvent } from '@opentelemetry/sdk-trace-base';
import { SPAN_SCOPE, type CorrelationScope } from '../correlation/scope';
import { diag } from '../diag';
import { epochMsOf } from './time-input';

/** What every span of one tracer shares, made once per tracer rather than once per span. */
export interface SpanOrigin {
  /** The provider's live list: a processor attached later sees spans of tracers made earlier. */
  readonly processors: readonly SpanProcessor[];
  readonly instrumentationScope: InstrumentationScope;
  readonly resource: () => Resource;
}

/** The SDK's default limits (attributes, events, links per span; attributes per event or link). */
export const SPAN_COUNT_LIMIT = 128;

// Shared until the first write replaces them: most spans have no link, event or status. Frozen,
// so that a reader that pushes into them fails there instead of adding to every span.
const NO_LINKS = Object.freeze([]) as unknown as Link[];
const NO_EVENTS = Object.freeze([]) as unknown as TimedEvent[];
const UNSET_STATUS: SpanStatus = Object.freeze({ code: SpanStatusCode.UNSET });

/**
 * The span of the agent's own tracer provider: the API's `Span` and the SDK's `ReadableSpan`
 * (what processors and exporters read), with the SDK's behaviour on every call and less work
 * per span. The SDK's span converts its clock into `HrTime` tuples at start and end, copies the
 * start attributes twice through `sanitizeAttributes`, checks the parent's ids with two regular
 * expressions and counts every span into metrics instruments: ~31k of the ~110k instructions an
 * event cost in the pipeline bench (callgrind). Here the start is one `Date.now()` and one
 * `performance.now()`, the `HrTime` fields are computed only when something reads them (our
 * mapper reads the milliseconds), and the start attributes are copied once. What it does not
 * read: `OTEL_SPAN_*_LIMIT` (the limits are the SDK's defaults, 128) and `OTEL_TRACES_SAMPLER`
 * (ezlogs samples events itself, EZLOGS_SAMPLE_RATE).
 */
export class AgentSpan implements ApiSpan, ReadableSpan {
  name: string;
  readonly kind: SpanKind;
  readonly parentSpanContext: SpanContext | undefined;
  readonly attributes: Attributes;
  links: Link[] = NO_LINKS;
  events: TimedEvent[] = NO_EVENTS;
  status: SpanStatus = UNSET_STATUS;
  /** Wall-clock start in epoch milliseconds. */
  readonly startEpochMs: number;
  /** Milliseconds from start to end; -1 until the span ends. */
  durationMs = -1;
  ended = false;
  droppedAttributesCount = 0;
  droppedEventsCount = 0;
  droppedLinksCount = 0;
  /** Declared here so that binding the correlation scope does not change the object's shape. */
  [SPAN_SCOPE]: CorrelationScope | undefined = undefined;
  private attributeCount = 0;
  /** `performance.now()` at start, or NaN when the caller gave the start time (then the end is wall-clock too). */
  private readonly startPerf: number;
  private readonly context: SpanContext;
  private readonly origin: SpanOrigin;

  constructor(origin: SpanOrigin, name: string, kind: SpanKind, context: SpanContext, parentSpanContext: SpanContext | undefined, startTime: TimeInput | undefined, attributes: Attributes | undefined) {
    this.origin = origin;
    this.name = name;
    this.kind = kind;
    this.context = context;
    this.parentSpanContext = parentSpanContext;
    if (startTime === undefined) {
      this.startEpochMs = Date.now();
      this.startPerf = performance.now();
    } else {
      this.startEpochMs = epochMsOf(startTime);
      this.startPerf = Number.NaN;
    }
    // Key by key into a fresh object, as the SDK does: spans that get the same keys in the same
    // order share one hidden class, so the mapper's reads of them stay monomorphic. (A spread
    // of the caller's object measured 6% fewer events per second in the pipeline bench: its
    // copies did not share the transitions the later setAttribute calls add.)
    this.attributes = {};
    if (attributes !== undefined) this.setAttributes(attributes);
  }

  spanContext(): SpanContext {
    return this.context;
  }

  get startTime(): HrTime {
    return millisToHrTime(this.startEpochMs);
  }

  get endTime(): HrTime {
    return this.ended ? addHrTimes(this.startTime, millisToHrTime(this.durationMs)) : [0, 0];
  }

  get duration(): HrTime {
    return this.ended ? millisToHrTime(this.durationMs) : [-1, -1];
  }

  get resource(): Resource {
    return this.origin.resource();
  }

  get instrumentationScope(): InstrumentationScope {
    return this.origin.instrumentationScope;
  }

  isRecording(): boolean {
    return !this.ended;
  }

  setAttribute(key: string, value?: AttributeValue): this {
    if (this.ended || value === undefined || value === null || typeof key !== 'string' || key === '') return this;
    const kind = typeof value;
    if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') {
      if (!isAttributeValue(value)) {
        otelDiag.warn(`Invalid attribute value set for key: ${key}`);
        return this;
      }
      // An array: copied, as the SDK does, so that the caller changing it later changes nothing here.
      value = (value as Extract<AttributeValue, unknown[]>).slice() as AttributeValue;
    }
    const attributes = this.attributes;
    if (attributes[key] === undefined) {
      if (this.attributeCount >= SPAN_COUNT_LIMIT) {
        this.droppedAttributesCount++;
        return this;
      }
      this.attributeCount++;
    }
    attributes[key] = value;
    return this;
  }

  setAttributes(attributes: Attributes): this {
    for (const key in attributes) {
      if (Object.prototype.hasOwnProperty.call(attributes, key)) this.setAttribute(key, attributes[key]);
    }
    return this;
  }

  addEvent(name: string, attributesOrTime?: Attributes | TimeInput, time?: TimeInput): this {
    if (this.ended) return this;
    let attributes: Attributes | undefined;
    if (isTimeInput(attributesOrTime)) {
      if (!isTimeInput(time)) time = attributesOrTime;
    } else {
      attributes = attributesOrTime;
    }
    if (this.events === NO_EVENTS) this.events = [];
    if (this.events.length >= SPAN_COUNT_LIMIT) {
      this.events.shift();
      this.droppedEventsCount++;
    }
    const copied = copyLimited(attributes);
    this.events.push({ name, attributes: copied.attributes, time: this.timeAt(time), droppedAttributesCount: copied.dropped });
    return this;
  }

  addLink(link: Link): this {
    if (this.ended) return this;
    if (this.links === NO_LINKS) this.links = [];
    if (this.links.length >= SPAN_COUNT_LIMIT) {
      this.links.shift();
      this.droppedLinksCount++;
    }
    const copied = copyLimited(link.attributes);
    const kept: Link = { context: link.context };
    if (copied.count > 0) kept.attributes = copied.attributes;
    if (copied.dropped > 0) kept.droppedAttributesCount = copied.dropped;
    this.links.push(kept);
    return this;
  }

  addLinks(links: Link[]): this {
    for (const link of links) this.addLink(link);
    return this;
  }

  setStatus(status: SpanStatus): this {
    // As the SDK: UNSET changes nothing, and OK is final.
    if (this.ended || status.code === SpanStatusCode.UNSET || this.status.code === SpanStatusCode.OK) return this;
    const next: SpanStatus = { code: status.code };
    if (status.code === SpanStatusCode.ERROR && typeof status.message === 'string') next.message = status.message;
    this.status = next;
    return this;
  }

  updateName(name: string): this {
    if (!this.ended) this.name = name;
    return this;
  }

  recordException(exception: Exception, time?: TimeInput): void {
    const attributes: Attributes = {};
    if (typeof exception === 'string') {
      attributes['exception.message'] = exception;
    } else if (exception) {
      if (exception.code) attributes['exception.type'] = String(exception.code);
      else if (exception.name) attributes['exception.type'] = exception.name;
      if (exception.message) attributes['exception.message'] = exception.message;
      if (exception.stack) attributes['exception.stacktrace'] = exception.stack;
    }
    if (attributes['exception.type'] !== undefined || attributes['exception.message'] !== undefined) this.addEvent('exception', attributes, time);
  }

  end(endTime?: TimeInput): void {
    if (this.ended) {
      diag.debug(`span ${this.name} ended twice; the second end is ignored`);
      return;
    }
    const duration = endTime === undefined ? this.elapsedMs() : epochMsOf(endTime) - this.startEpochMs;
    this.durationMs = duration > 0 ? duration : 0;
    const processors = this.origin.processors;
    for (let i = 0; i < processors.length; i++) {
      const processor = processors[i] as SpanProcessor;
      if (!processor.onEnding) continue;
      try {
        processor.onEnding(this);
      } catch (err) {
        reportProcessorError('onEnding', err);
      }
    }
    this.ended = true;
    for (let i = 0; i < processors.length; i++) {
      const processor = processors[i] as SpanProcessor;
      try {
        processor.onEnd(this);
      } catch (err) {
        reportProcessorError('onEnd', err);
      }
    }
  }

  /** An event's time: given, or now measured on the span's clock. */
  private timeAt(time: TimeInput | undefined): HrTime {
    if (time !== undefined) return isTimeInputHrTime(time) ? time : millisToHrTime(epochMsOf(time));
    return addHrTimes(this.startTime, millisToHrTime(this.elapsedMs()));
  }

  /** Milliseconds since the start: on the monotonic clock, or the wall clock when the caller gave the start. */
  private elapsedMs(): number {
    return Number.isNaN(this.startPerf) ? Date.now() - this.startEpochMs : performance.now() - this.startPerf;
  }
}

/** An event's or link's attributes: valid values only, at most the limit. */
function copyLimited(attributes: Attributes | undefined): { attributes: Attributes; count: number; dropped: number } {
  const copy: Attributes = {};
  let count = 0;
  let dropped = 0;
  for (const key in attributes) {
    if (!Object.prototype.hasOwnProperty.call(attributes, key) || key === '') continue;
    const value = attributes[key];
    if (value === undefined || value === null || !isAttributeValue(value)) continue;
    if (count >= SPAN_COUNT_LIMIT) {
      dropped++;
      continue;
    }
    copy[key] = Array.isArray(value) ? (value.slice() as AttributeValue) : value;
    count++;
  }
  return { attributes: copy, count, dropped };
}

function isTimeInput(value: unknown): value is TimeInput {
  return typeof value === 'number' || value instanceof Date || isTimeInputHrTime(value);
}

/** Another SDK's processor (forwarded to) must not make the app's span end throw. */
export function reportProcessorError(hook: string, err: unknown): void {
  diag.once('warn', `span-processor-${hook}`, `a span processor's ${hook} threw: ${String(err)}`);
}
