import { context } from '@opentelemetry/api';
import { activeScope, CorrelationScope, withScope } from '../correlation/scope';
import { diag } from '../diag';
import { EzlogsError } from '../errors';
import type { Ref } from '../events/universal-event';

/**
 * Who is acting in the current request: seen by every event of the request that ends
 * afterwards (including the request's own http.request event) and carried into jobs and
 * downstream services. Outside any request or flow it does nothing (and says so in debug).
 */
export function setActor(actor: Ref): void {
  if (!actor || typeof actor !== 'object' || actor.type === undefined || actor.id === undefined) {
    throw new EzlogsError('EZLOGS_ERR_ARGUMENT_INVALID', `setActor(actor): expected { type: string, id: string }, got ${describe(actor)}`);
  }
  const scope = activeScope();
  if (!scope) {
    diag.debug('setActor() called outside a request, job or flow: ignored');
    return;
  }
  scope.root().actor = { ...actor, type: String(actor.type), id: String(actor.id) };
}

export function setSession(sessionId: string): void {
  if (typeof sessionId !== 'string' || sessionId === '') {
    throw new EzlogsError('EZLOGS_ERR_ARGUMENT_INVALID', `setSession(sessionId): expected a non-empty string, got ${describe(sessionId)}`);
  }
  const scope = activeScope();
  if (!scope) {
    diag.debug('setSession() called outside a request, job or flow: ignored');
    return;
  }
  scope.root().sessionId = sessionId;
}

/** Runs `fn` in a flow: every event inside, across `await`, carries `correlation.flow_id`. */
export function withFlow<T>(flowId: string, fn: () => T): T {
  if (typeof fn !== 'function') {
    throw new EzlogsError('EZLOGS_ERR_ARGUMENT_INVALID', `withFlow(flowId, fn): fn must be a function, got ${describe(fn)}`);
  }
  if (typeof flowId !== 'string' || flowId === '') {
    throw new EzlogsError('EZLOGS_ERR_ARGUMENT_INVALID', `withFlow(flowId, fn): flowId must be a non-empty string, got ${describe(flowId)}`);
  }
  const scope = new CorrelationScope(activeScope());
  scope.flowId = flowId;
  return withScope(scope, fn, context.active());
}

function describe(value: unknown): string {
  try {
    return value === undefined ? 'undefined' : (JSON.stringify(value) ?? typeof value);
  } catch {
    return typeof value;
  }
}
