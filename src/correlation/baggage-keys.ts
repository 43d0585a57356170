import type { Baggage } from '@opentelemetry/api';
import type { CorrelationScope } from './scope';

/**
 * Only these baggage entries cross process boundaries for us: a small allowlist, so that
 * the app's own baggage is left alone and nothing else of ours leaks to other services.
 */
export const BAGGAGE_ACTOR_TYPE = 'ezlogs.actor_type';
export const BAGGAGE_ACTOR_ID = 'ezlogs.actor_id';
export const BAGGAGE_SESSION_ID = 'ezlogs.session_id';
export const BAGGAGE_FLOW_ID = 'ezlogs.flow_id';
export const BAGGAGE_REQUEST_ID = 'ezlogs.request_id';

export function scopeToBaggage(scope: CorrelationScope, baggage: Baggage): Baggage {
  let bag = baggage;
  const actor = scope.effectiveActor;
  if (actor) {
    bag = bag.setEntry(BAGGAGE_ACTOR_TYPE, { value: String(actor.type) }).setEntry(BAGGAGE_ACTOR_ID, { value: String(actor.id) });
  }
  const session = scope.effectiveSessionId;
  if (session) bag = bag.setEntry(BAGGAGE_SESSION_ID, { value: session });
  const flow = scope.effectiveFlowId;
  if (flow) bag = bag.setEntry(BAGGAGE_FLOW_ID, { value: flow });
  const requestId = scope.effectiveRequestId;
  if (requestId) bag = bag.setEntry(BAGGAGE_REQUEST_ID, { value: requestId });
  return bag;
}

/** Fills a fresh scope from what an upstream process put in the baggage. */
export function baggageToScope(baggage: Baggage | undefined, scope: CorrelationScope): void {
  if (!baggage) return;
  const type = baggage.getEntry(BAGGAGE_ACTOR_TYPE)?.value;
  const id = baggage.getEntry(BAGGAGE_ACTOR_ID)?.value;
  if (type && id) scope.actor = { type, id };
  const session = baggage.getEntry(BAGGAGE_SESSION_ID)?.value;
  if (session) scope.sessionId = session;
  const flow = baggage.getEntry(BAGGAGE_FLOW_ID)?.value;
  if (flow) scope.flowId = flow;
  const requestId = baggage.getEntry(BAGGAGE_REQUEST_ID)?.value;
  if (requestId) scope.requestId = requestId;
}
