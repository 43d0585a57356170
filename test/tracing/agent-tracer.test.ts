import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { suppressTracing, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapSpan } from '../../src/events/map-span.js';
import { AgentSpan, SPAN_COUNT_LIMIT } from '../../src/tracing/agent-span.js';
import { AgentTracerProvider } from '../../src/tracing/agent-tracer-provider.js';

/** Records every hook call, in order, with whether the span had ended at that point. */
class RecordingProcessor implements SpanProcessor {
  readonly calls: Array<{ hook: string; span: ReadableSpan; ended: boolean; parentInContext?: boolean }> = [];
  readonly ended: ReadableSpan[] = [];
  flushed = 0;
  shut = 0;
  onStart(span: Span & ReadableSpan, parentContext: Context): void {
    this.calls.push({ hook: 'onStart', span, ended: span.ended, parentInContext: trace.getSpan(parentContext) !== undefined });
  }
  onEnding(span: ReadableSpan): void {
    this.calls.push({ hook: 'onEnding', span, ended: span.ended });
  }
  onEnd(span: ReadableSpan): void {
    this.calls.push({ hook: 'onEnd', span, ended: span.ended });
    this.ended.push(span);
  }
  forceFlush(): Promise<void> {
    this.flushed++;
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    this.shut++;
    return Promise.resolve();
  }
}

class ThrowingProcessor implements SpanProcessor {
  onStart(): void {
    throw new Error('boom at start');
  }
  onEnding(): void {
    throw new Error('boom at ending');
  }
  onEnd(): void {
    throw new Error('boom at end');
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** What an exporter reads from a finished span, minus ids and clocks. */
function exported(span: ReadableSpan): unknown {
  return {
    name: span.name,
    kind: span.kind,
    attributes: span.attributes,
    status: span.status,
    events: span.events.map((e) => ({ name: e.name, attributes: e.attributes, droppedAttributesCount: e.droppedAttributesCount })),
    links: span.links,
    ended: span.ended,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
    scope: { name: span.instrumentationScope.name, version: span.instrumentationScope.version },
    parentSpanId: span.parentSpanContext?.spanId,
  };
}

/** One script of API calls, played on a tracer: everything an instrumentation may do to a span. */
function playScript(tracer: Tracer, parentContext: ReturnType<typeof trace.setSpanContext>, error: Error): void {
  const array = ['a', 'b'];
  const span = tracer.startSpan(
    'GET',
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': 'GET', 'url.path': '/x', n: 3, ok: true, list: array, nothing: undefined, empty: null } as unknown as Attributes,
      links: [{ context: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 }, attributes: { why: 'batch', bad: { nested: 1 } as unknown as string } }],
    },
    parentContext,
  );
  array.push('changed after');
  span.setAttribute('http.response.status_code', 200);
  span.setAttribute('object', { not: 'allowed' } as unknown as string);
  span.setAttribute('mixed', [1, 'two'] as unknown as string[]);
  span.setAttribute('', 'empty key');
  span.setAttribute('gone', undefined as unknown as string);
  span.setAttributes({ a: 1, b: 'two', c: [true, false] });
  span.setAttribute('a', 2);
  span.addEvent('plain');
  span.addEvent('with attributes', { k: 'v', bad: { x: 1 } as unknown as string }, [1_700_000_000, 5]);
  span.addEvent('time only', new Date(1_700_000_000_000));
  span.recordException(error);
  span.recordException('just a message');
  span.recordException({ name: 'TypeError', message: 'wrong type' });
  span.recordException({} as unknown as Error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: 42 as unknown as string });
  span.setStatus({ code: SpanStatusCode.UNSET });
  span.updateName('GET /x');
  span.addLink({ context: { traceId: 'c'.repeat(32), spanId: 'd'.repeat(16), traceFlags: 0 } });
  span.end();
  span.setAttribute('after end', 1);
  span.setStatus({ code: SpanStatusCode.OK });
  span.updateName('renamed after end');
  span.addEvent('after end');
  span.end();

  const ok = tracer.startSpan('ok then error', {}, parentContext);
  ok.setStatus({ code: SpanStatusCode.OK });
  ok.setStatus({ code: SpanStatusCode.ERROR, message: 'too late' });
  ok.end();

  tracer.startSpan('a new root', { root: true }, parentContext).end();

  const crowded = tracer.startSpan('crowded', {}, parentContext);
  for (let i = 0; i < SPAN_COUNT_LIMIT + 5; i++) crowded.setAttribute(`k${i}`, i);
  crowded.setAttribute('k0', 'an existing key is still updated');
  for (let i = 0; i < SPAN_COUNT_LIMIT + 3; i++) crowded.addEvent(`e${i}`);
  crowded.end();
}

describe('AgentTracer and AgentSpan', () => {
  let manager: AsyncLocalStorageContextManager;
  beforeAll(() => {
    manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
  });
  afterAll(() => {
    context.disable();
  });

  const parentContext = trace.setSpanContext(ROOT_CONTEXT, { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED, isRemote: true });

  it('leaves a span exactly as the SDK span would, for every API call (the SDK run side by side)', () => {
    const error = Object.assign(new Error('kaput'), { code: 'E_KAPUT' });
    const sdkProcessor = new RecordingProcessor();
    playScript(new BasicTracerProvider({ spanProcessors: [sdkProcessor] }).getTracer('lib', '1.2.3'), parentContext, error);
    const ourProcessor = new RecordingProcessor();
    playScript(new AgentTracerProvider({ spanProcessors: [ourProcessor] }).getTracer('lib', '1.2.3'), parentContext, error);

    expect(ourProcessor.ended).toHaveLength(4);
    expect(ourProcessor.ended.map(exported)).toEqual(sdkProcessor.ended.map(exported));
    const hooks = (p: RecordingProcessor): string[] => p.calls.map((c) => `${c.hook}:${c.span.name}:${c.ended}:${c.parentInContext}`);
    expect(hooks(ourProcessor)).toEqual(hooks(sdkProcessor));
    expect(hooks(ourProcessor)).toContain('onStart:a new root:false:false');
    // Sanity of the comparison itself: the script did reach the limits and the validation.
    const crowded = ourProcessor.ended[3]!;
    expect(crowded.droppedAttributesCount).toBe(5);
    expect(crowded.droppedEventsCount).toBe(3);
    expect(crowded.attributes.k0).toBe('an existing key is still updated');
    expect(ourProcessor.ended[0]!.attributes.list).toEqual(['a', 'b']);
  });

  it('keeps its clock in milliseconds and gives the HrTime fields exporters read, consistent with each other', async () => {
    const processor = new RecordingProcessor();
    const tracer = new AgentTracerProvider({ spanProcessors: [processor] }).getTracer('clock');
    const before = Date.now();
    const span = tracer.startSpan('timed') as AgentSpan;
    await new Promise((r) => setTimeout(r, 25));
    span.addEvent('midway');
    span.end();
    const after = Date.now();
    expect(span.startEpochMs).toBeGreaterThanOrEqual(before);
    expect(span.startEpochMs).toBeLessThanOrEqual(after);
    expect(span.durationMs).toBeGreaterThanOrEqual(20);
    expect(span.durationMs).toBeLessThanOrEqual(after - before + 1);
    const toMs = ([s, ns]: [number, number]): number => s * 1e3 + ns / 1e6;
    expect(toMs(span.startTime)).toBeCloseTo(span.startEpochMs, 3);
    expect(toMs(span.duration)).toBeCloseTo(span.durationMs, 3);
    expect(toMs(span.endTime) - toMs(span.startTime)).toBeCloseTo(span.durationMs, 2);
    const midway = toMs(span.events[0]!.time);
    expect(midway).toBeGreaterThan(span.startEpochMs + 15);
    expect(midway).toBeLessThanOrEqual(toMs(span.endTime));
  });

  it('takes start and end times in every TimeInput form', () => {
    const tracer = new AgentTracerProvider({ spanProcessors: [] }).getTracer('times');
    const epoch = 1_700_000_000_123;
    const forms = [epoch, new Date(epoch), [1_700_000_000, 123_000_000] as [number, number]];
    for (const start of forms) {
      const span = tracer.startSpan('given', { startTime: start }) as AgentSpan;
      expect(span.startEpochMs).toBe(epoch);
      span.end(epoch + 250);
      expect(span.durationMs).toBe(250);
    }
    // A number not after performance.now() is a performance timestamp, as in the SDK.
    const perf = tracer.startSpan('performance clock', { startTime: performance.now() }) as AgentSpan;
    expect(Math.abs(perf.startEpochMs - Date.now())).toBeLessThan(50);
    // An end before the start is a zero duration, not a negative one.
    const backwards = tracer.startSpan('backwards', { startTime: epoch }) as AgentSpan;
    backwards.end(epoch - 1000);
    expect(backwards.durationMs).toBe(0);
  });

  it('continues a parent (local or remote) and starts a root where there is none or `root` is asked', () => {
    const tracer = new AgentTracerProvider({ spanProcessors: [] }).getTracer('family');
    const root = tracer.startSpan('root', {}, ROOT_CONTEXT);
    const rootContext = root.spanContext();
    expect(rootContext.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(rootContext.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(rootContext.traceFlags).toBe(TraceFlags.SAMPLED);
    expect((root as AgentSpan).parentSpanContext).toBeUndefined();

    const child = tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, root));
    expect(child.spanContext().traceId).toBe(rootContext.traceId);
    expect(child.spanContext().spanId).not.toBe(rootContext.spanId);
    expect((child as AgentSpan).parentSpanContext?.spanId).toBe(rootContext.spanId);

    const remote = tracer.startSpan('remote child', {}, parentContext);
    expect(remote.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect((remote as AgentSpan).parentSpanContext?.spanId).toBe('b7ad6b7169203331');

    const detached = tracer.startSpan('new root', { root: true }, trace.setSpan(ROOT_CONTEXT, root));
    expect(detached.spanContext().traceId).not.toBe(rootContext.traceId);
    expect((detached as AgentSpan).parentSpanContext).toBeUndefined();

    const invalidParent = trace.setSpanContext(ROOT_CONTEXT, { traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 1 });
    const fromInvalid = tracer.startSpan('after an invalid parent', {}, invalidParent);
    expect(fromInvalid.spanContext().traceId).not.toBe('0'.repeat(32));
    expect((fromInvalid as AgentSpan).parentSpanContext).toBeUndefined();
  });

  it('records a request an upstream marked unsampled, and passes the flag and trace state on unchanged', () => {
    const processor = new RecordingProcessor();
    const tracer = new AgentTracerProvider({ spanProcessors: [processor] }).getTracer('sampling');
    const upstream = new W3CTraceContextPropagator().extract(ROOT_CONTEXT, { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00', tracestate: 'vendor=x' }, { get: (c, k) => (c as Record<string, string>)[k], keys: (c) => Object.keys(c as object) });
    const span = tracer.startSpan('unsampled upstream', { kind: SpanKind.SERVER }, upstream);
    expect(span.isRecording()).toBe(true);
    span.end();
    expect(processor.ended).toHaveLength(1);
    expect(span.spanContext().traceFlags).toBe(TraceFlags.NONE);
    const carrier: Record<string, string> = {};
    new W3CTraceContextPropagator().inject(trace.setSpan(ROOT_CONTEXT, span), carrier, { set: (c, k, v) => void ((c as Record<string, string>)[k] = v) });
    expect(carrier.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-00$/);
    expect(carrier.tracestate).toBe('vendor=x');
  });

  it('makes no span (and calls no processor) where tracing is suppressed', () => {
    const processor = new RecordingProcessor();
    const tracer = new AgentTracerProvider({ spanProcessors: [processor] }).getTracer('quiet');
    const span = tracer.startSpan('suppressed', {}, suppressTracing(ROOT_CONTEXT));
    expect(span.isRecording()).toBe(false);
    expect(span).not.toBeInstanceOf(AgentSpan);
    span.end();
    expect(processor.calls).toEqual([]);
  });

  it('runs startActiveSpan in every form with the span active, and returns what the function returns', () => {
    const tracer = new AgentTracerProvider({ spanProcessors: [] }).getTracer('active');
    const seen: string[] = [];
    const run = (span: Span): string => {
      expect(trace.getSpan(context.active())).toBe(span);
      seen.push((span as AgentSpan).name);
      span.end();
      return (span as AgentSpan).name;
    };
    expect(tracer.startActiveSpan('one', run)).toBe('one');
    expect(tracer.startActiveSpan('two', { kind: SpanKind.CONSUMER }, run)).toBe('two');
    expect(tracer.startActiveSpan('three', {}, parentContext, run)).toBe('three');
    expect(seen).toEqual(['one', 'two', 'three']);
  });

  it('keeps a throwing processor away from the app and from the other processors', () => {
    const recording = new RecordingProcessor();
    const provider = new AgentTracerProvider({ spanProcessors: [new ThrowingProcessor(), recording] });
    const span = provider.getTracer('safe').startSpan('survives');
    expect(() => span.end()).not.toThrow();
    expect(recording.calls.map((c) => c.hook)).toEqual(['onStart', 'onEnding', 'onEnd']);
  });

  it('reaches spans of tracers handed out before a processor was added; flushes and shuts down every processor', async () => {
    const provider = new AgentTracerProvider({ spanProcessors: [] });
    const tracer = provider.getTracer('early');
    expect(provider.getTracer('early')).toBe(tracer);
    const late = new RecordingProcessor();
    provider.addSpanProcessor(late);
    provider.addSpanProcessor(late);
    tracer.startSpan('after').end();
    expect(late.ended.map((s) => s.name)).toEqual(['after']);
    await provider.forceFlush();
    await provider.shutdown();
    expect([late.flushed, late.shut]).toEqual([1, 1]);
  });

  it('names the resource exporters read after the service, and the scope after the tracer', () => {
    const provider = new AgentTracerProvider({ spanProcessors: [], serviceName: 'billing' });
    const span = provider.getTracer('lib', '2.0.0', { schemaUrl: 'https://opentelemetry.io/schemas/1.28.0' }).startSpan('s') as AgentSpan;
    expect(span.resource.attributes['service.name']).toBe('billing');
    expect(span.resource.attributes['telemetry.sdk.language']).toBe('nodejs');
    expect(span.instrumentationScope).toEqual({ name: 'lib', version: '2.0.0', schemaUrl: 'https://opentelemetry.io/schemas/1.28.0' });
  });

  it('maps to the same event timestamp and duration through its milliseconds as through its HrTime fields', () => {
    const tracer = new AgentTracerProvider({ spanProcessors: [] }).getTracer('map');
    const span = tracer.startSpan('SELECT', { kind: SpanKind.CLIENT, startTime: 1_700_000_000_987.5, attributes: { 'db.system.name': 'postgresql', 'db.query.text': 'SELECT 1' } }) as AgentSpan;
    span.end(1_700_000_001_000.25);
    const platform = { service: 's', environment: 'test', host: 'h', sdk: 'ezlogs-node/0', runtime: 'node 20' };
    const direct = mapSpan(span, undefined, platform, (u) => u);
    // The same span seen as a plain ReadableSpan: only its HrTime fields say when.
    const plain = { ...exportedShape(span) };
    const viaHrTime = mapSpan(plain, undefined, platform, (u) => u);
    expect(direct.timestamp).toBe('2023-11-14T22:13:20.987Z');
    expect(direct.timestamp).toBe(viaHrTime.timestamp);
    expect(direct.metadata.duration_ms).toBe(12.75);
    expect(direct.metadata.duration_ms).toBe(viaHrTime.metadata.duration_ms);
  });
});

function exportedShape(span: AgentSpan): ReadableSpan {
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanContext: span.parentSpanContext,
    startTime: span.startTime,
    endTime: span.endTime,
    status: span.status,
    attributes: span.attributes,
    links: span.links,
    events: span.events,
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}
