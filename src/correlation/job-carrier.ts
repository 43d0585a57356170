import { context, propagation, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { baggageToScope } from './baggage-keys';
import { CorrelationScope } from './scope';

/**
 * The producer's trace context and our correlation, as a plain object that travels inside a
 * job (BullMQ job options here; any JSON field for other runners). Written with the global
 * propagator, so it is exactly what an HTTP call would carry: traceparent, baggage, x-request-id.
 */
export type JobCarrier = Record<string, string>;

export function injectJobCarrier(ctx: Context = context.active()): JobCarrier {
  const carrier: JobCarrier = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** The context a job's processing continues: the producer's span as remote parent, plus a scope. */
export function extractJobContext(carrier: unknown): { ctx: Context; scope: CorrelationScope } {
  const scope = new CorrelationScope();
  if (!carrier || typeof carrier !== 'object') return { ctx: ROOT_CONTEXT, scope };
  const ctx = propagation.extract(ROOT_CONTEXT, carrier);
  baggageToScope(propagation.getBaggage(ctx), scope);
  const requestId = (carrier as Record<string, unknown>)['x-request-id'];
  if (typeof requestId === 'string' && !scope.requestId) scope.requestId = requestId;
  return { ctx, scope };
}
