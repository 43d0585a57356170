import { context, propagation, trace, type TracerProvider } from '@opentelemetry/api';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CorrelationPropagator } from '../correlation/correlation-propagator';
import { EnterableContextManager, setEnterableContextManager } from '../correlation/enterable-context-manager';
import { parseParentContext, withParentRoot } from '../correlation/fork-parent-context';
import { diag } from '../diag';
import type { AgentTracerProvider } from '../tracing/agent-tracer-provider';
import { existingTracerProvider, watchLateTracerProviders } from './existing-tracer-provider';
import { attachSpanProcessor, spanProcessorsOf } from './span-processor-slot';

/** What vanilla auto-instrumentation (and the SDKs built on it) already instrument. */
export const instrumentedByOtherSdks = new Set(['http', 'undici', 'pg', 'express', 'pino', 'winston']);

export interface Coexistence {
  /** The provider every span of ours is made by. */
  provider: TracerProvider;
  /** True when another SDK's pipeline runs the shared instrumentations. */
  sharedWithOtherSdk: boolean;
  stopWatching: () => void;
}

/**
 * One tracing pipeline per process, whoever came first.
 * - Another SDK registered before us: we attach our processor to its provider, make our own
 *   spans with it, and leave the instrumentations it already has to it (no double patching).
 * - We are first: we register globally; an SDK that starts later is refused by the API, so we
 *   catch that, attach our processor to its provider (its instrumentations replace ours on the
 *   functions both patch) and forward our spans to its exporters, so both see every span once.
 */
export function joinTracing(ownProvider: AgentTracerProvider, processor: SpanProcessor, parentCarrier: string | undefined, onLateSdk: () => void): Coexistence {
  const existing = existingTracerProvider();
  if (existing && attachSpanProcessor(existing, processor)) {
    diag.warn('another OpenTelemetry SDK was registered first: ezlogs attached to its tracer provider and uses its http/undici/pg/express/pino/winston instrumentations (enable them there); ours only for what it lacks (bullmq, bull, fastify routes)');
    return { provider: existing, sharedWithOtherSdk: true, stopWatching: () => undefined };
  }
  if (existing) diag.warn('another OpenTelemetry tracer provider is registered and cannot take our processor: ezlogs uses its own provider beside it');
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new CorrelationPropagator()] }));
  // A script forked with forkContext() continues its parent wherever nothing else is active
  // (read with our propagator, so after it is registered).
  const parent = parseParentContext(parentCarrier);
  const enterable = new EnterableContextManager();
  const manager = parent ? withParentRoot(enterable, parent) : enterable;
  if (context.setGlobalContextManager(manager.enable())) setEnterableContextManager(enterable);
  else diag.warn('another context manager is already registered; using it');
  trace.setGlobalTracerProvider(ownProvider);
  const stopWatching = watchLateTracerProviders((late) => {
    // Their processors as they were before ours joined them: forwarding their combined
    // processor would hand our own spans back to us through it.
    const theirs = spanProcessorsOf(late).filter((p) => p !== processor);
    const attached = attachSpanProcessor(late, processor);
    for (const p of theirs) ownProvider.addSpanProcessor(p);
    onLateSdk();
    diag.warn(`another OpenTelemetry SDK started after ezlogs: ${attached ? 'ezlogs attached to its tracer provider and forwards its own spans to it' : 'its provider could not take our processor; its spans are not ezlogs events'}`);
  });
  return { provider: ownProvider, sharedWithOtherSdk: false, stopWatching };
}
