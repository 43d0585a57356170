import { propagation, type Context, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '@opentelemetry/api';
import { W3CBaggagePropagator } from '@opentelemetry/core';
import { scopeToBaggage } from './baggage-keys';
import { scopeFromContext } from './scope';

/**
 * W3C baggage plus our correlation: on the way out the current scope's actor, session,
 * flow and request id are merged into the `baggage` header (and `x-request-id` is set),
 * so a downstream service with the agent continues the same story. It replaces the
 * plain W3C baggage propagator rather than running beside it, because two propagators
 * writing one `baggage` header would overwrite each other.
 */
export class CorrelationPropagator implements TextMapPropagator {
  private readonly baggage = new W3CBaggagePropagator();

  inject(ctx: Context, carrier: unknown, setter: TextMapSetter): void {
    const scope = scopeFromContext(ctx);
    if (!scope) {
      this.baggage.inject(ctx, carrier, setter);
      return;
    }
    const requestId = scope.effectiveRequestId;
    if (requestId) setter.set(carrier, 'x-request-id', requestId);
    const merged = scopeToBaggage(scope, propagation.getBaggage(ctx) ?? propagation.createBaggage());
    this.baggage.inject(propagation.setBaggage(ctx, merged), carrier, setter);
  }

  extract(ctx: Context, carrier: unknown, getter: TextMapGetter): Context {
    return this.baggage.extract(ctx, carrier, getter);
  }

  fields(): string[] {
    return [...this.baggage.fields(), 'x-request-id'];
  }
}
