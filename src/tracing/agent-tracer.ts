import { context as contextApi, INVALID_SPAN_CONTEXT, isSpanContextValid, SpanKind, trace, TraceFlags, type Context, type Span, type SpanContext, type SpanOptions, type Tracer } from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';
import { randomHex } from '../correlation/random-id';
import { AgentSpan, reportProcessorError, type SpanOrigin } from './agent-span';

/**
 * The tracer of the agent's own provider. As the SDK's tracer: suppressed tracing gets a
 * non-recording span, `root` starts a new trace, a child continues its parent's trace id,
 * flags and trace state. Unlike it, every span records: whether an event is kept is decided
 * per trace by the event sampler (EZLOGS_SAMPLE_RATE, error events always kept), not by an
 * upstream `traceparent` flag; the flag is passed on unchanged, so services downstream still
 * follow the upstream decision.
 */
export class AgentTracer implements Tracer {
  constructor(private readonly origin: SpanOrigin) {}

  startSpan(name: string, options: SpanOptions = {}, ctx: Context = contextApi.active()): Span {
    // As the SDK: a root span's processors see the context without the span it was started under.
    if (options.root) ctx = trace.deleteSpan(ctx);
    if (isTracingSuppressed(ctx)) return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    const parentSpan = trace.getSpan(ctx);
    let parent: SpanContext | undefined;
    if (parentSpan) {
      const candidate = parentSpan.spanContext();
      // Ours carry ids we generated: only a foreign parent needs the ids' regular expressions.
      if (parentSpan instanceof AgentSpan || isSpanContextValid(candidate)) parent = candidate;
    }
    const spanContext: SpanContext = parent
      ? { traceId: parent.traceId, spanId: randomHex(8), traceFlags: parent.traceFlags, traceState: parent.traceState }
      : { traceId: randomHex(16), spanId: randomHex(8), traceFlags: TraceFlags.SAMPLED, traceState: undefined };
    const span = new AgentSpan(this.origin, name, options.kind ?? SpanKind.INTERNAL, spanContext, parent, options.startTime, options.attributes);
    if (options.links) span.addLinks(options.links);
    const processors = this.origin.processors;
    for (let i = 0; i < processors.length; i++) {
      try {
        processors[i]?.onStart(span, ctx);
      } catch (err) {
        reportProcessorError('onStart', err);
      }
    }
    return span;
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, ctx: Context, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...rest: [F] | [SpanOptions, F] | [SpanOptions, Context, F]): ReturnType<F> | undefined {
    let options: SpanOptions | undefined;
    let ctx: Context | undefined;
    let fn: F;
    if (rest.length === 1) [fn] = rest;
    else if (rest.length === 2) [options, fn] = rest;
    else if (rest.length === 3) [options, ctx, fn] = rest;
    else return undefined;
    const parentContext = ctx ?? contextApi.active();
    const span = this.startSpan(name, options, parentContext);
    return contextApi.with(trace.setSpan(parentContext, span), fn as (span: Span) => ReturnType<F>, undefined, span);
  }
}
