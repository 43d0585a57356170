import type { TracerProvider } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

interface ProcessorList {
  _spanProcessors?: SpanProcessor[];
}
interface SdkTracerProviderShape {
  addSpanProcessor?: (processor: SpanProcessor) => void;
  _activeSpanProcessor?: SpanProcessor & ProcessorList;
}

/**
 * Adds a span processor to another SDK's tracer provider. SDK 1.x had `addSpanProcessor`;
 * SDK 2.x takes processors only at construction, but keeps them in one MultiSpanProcessor
 * that its tracers share, so appending there reaches spans of tracers made earlier too.
 * Returns false (and changes nothing) for any other shape.
 */
export function attachSpanProcessor(provider: TracerProvider, processor: SpanProcessor): boolean {
  const p = provider as SdkTracerProviderShape;
  if (typeof p.addSpanProcessor === 'function') {
    p.addSpanProcessor(processor);
    return true;
  }
  const list = p._activeSpanProcessor?._spanProcessors;
  if (Array.isArray(list)) {
    if (!list.includes(processor)) list.push(processor);
    return true;
  }
  return false;
}

/** A copy of the provider's processors (its exporters), to forward our spans to them. */
export function spanProcessorsOf(provider: TracerProvider): SpanProcessor[] {
  const list = (provider as SdkTracerProviderShape)._activeSpanProcessor?._spanProcessors;
  return Array.isArray(list) ? [...list] : [];
}
