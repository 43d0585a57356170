import { propagation, SpanKind, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { baggageToScope } from '../correlation/baggage-keys';
import { newRequestId } from '../correlation/request-id';
import { bindScopeToSpan, CorrelationScope, scopeFromContext, scopeOfSpan } from '../correlation/scope';
import { diag } from '../diag';
import type { EventPipeline } from './event-pipeline';
import { mapSpan } from './map-span';
import type { Platform } from './universal-event';

/** Spans that are plumbing, not events of the app: they only add noise (and cost). */
const ignoredSpanNames = new Set(['pg-pool.connect', 'pg.connect']);

/**
 * Ties every span to its correlation scope at start, and turns it into a universal event
 * at end. Both run on the app's thread inside the instrumented call, so both are kept to
 * a few property reads and one allocation per event, and neither can throw.
 */
export class EventSpanProcessor implements SpanProcessor {
  constructor(
    private readonly pipeline: EventPipeline,
    private readonly platform: Readonly<Platform>,
    private readonly sanitizeUrl: (url: string) => string,
    private readonly isIgnoredPath: (path: string) => boolean = () => false,
  ) {}

  onStart(span: Span, parentContext: Context): void {
    try {
      // An incoming request is a new request by definition: it starts its own scope,
      // continuing only what an upstream service sent in the baggage.
      if (span.kind === SpanKind.SERVER) {
        const scope = new CorrelationScope();
        baggageToScope(propagation.getBaggage(parentContext), scope);
        scope.requestId ??= newRequestId();
        bindScopeToSpan(span, scope);
        return;
      }
      const inherited = scopeFromContext(parentContext);
      if (inherited) bindScopeToSpan(span, inherited);
    } catch (err) {
      diag.once('warn', 'span-start-failed', `could not correlate a span: ${String(err)}`);
    }
  }

  onEnd(span: ReadableSpan): void {
    try {
      if (ignoredSpanNames.has(span.name) || this.isNoise(span)) return;
      this.pipeline.emit(mapSpan(span, scopeOfSpan(span), this.platform, this.sanitizeUrl));
    } catch (err) {
      this.pipeline.counters.failedToProcess++;
      diag.once('warn', 'span-end-failed', `could not turn a span into an event: ${String(err)}`);
    }
  }

  /**
   * Spans that another SDK's instrumentations make but ours never do: Express layer spans
   * (ours ignore every layer) and server spans for ignored paths (ours make none).
   */
  private isNoise(span: ReadableSpan): boolean {
    const a = span.attributes;
    if (a['express.type'] !== undefined) return true;
    if (span.kind === SpanKind.SERVER) {
      const path = a['url.path'] ?? a['http.target'];
      if (typeof path === 'string' && this.isIgnoredPath(path)) return true;
    }
    return false;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
