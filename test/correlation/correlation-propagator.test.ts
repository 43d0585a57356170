import { context, propagation, ROOT_CONTEXT, trace, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { baggageToScope } from '../../src/correlation/baggage-keys.js';
import { CorrelationPropagator } from '../../src/correlation/correlation-propagator.js';
import { CorrelationScope, SCOPE_KEY } from '../../src/correlation/scope.js';

const setter: TextMapSetter<Record<string, string>> = { set: (c, k, v) => void (c[k] = v) };
const getter: TextMapGetter<Record<string, string>> = { get: (c, k) => c[k], keys: (c) => Object.keys(c) };

describe('CorrelationPropagator', () => {
  const propagator = new CorrelationPropagator();

  it('sends request id, actor, session and flow downstream, and they come back out', () => {
    const root = new CorrelationScope();
    root.requestId = 'req-1';
    root.actor = { type: 'user', id: '42' };
    root.sessionId = 'sess 1;=,';
    const flow = new CorrelationScope(root);
    flow.flowId = 'checkout_9';
    const headers: Record<string, string> = {};
    propagator.inject(ROOT_CONTEXT.setValue(SCOPE_KEY, flow), headers, setter);
    expect(headers['x-request-id']).toBe('req-1');

    const extracted = propagator.extract(ROOT_CONTEXT, headers, getter);
    const downstream = new CorrelationScope();
    baggageToScope(propagation.getBaggage(extracted), downstream);
    expect(downstream).toMatchObject({ requestId: 'req-1', actor: { type: 'user', id: '42' }, sessionId: 'sess 1;=,', flowId: 'checkout_9' });
  });

  it("keeps the app's own baggage entries", () => {
    const scope = new CorrelationScope();
    scope.requestId = 'req-2';
    const ctx = propagation.setBaggage(ROOT_CONTEXT.setValue(SCOPE_KEY, scope), propagation.createBaggage({ tenant: { value: 'acme' } }));
    const headers: Record<string, string> = {};
    propagator.inject(ctx, headers, setter);
    expect(headers.baggage).toContain('tenant=acme');
    expect(headers.baggage).toContain('ezlogs.request_id=req-2');
  });

  it('adds nothing of ours outside a request', () => {
    const headers: Record<string, string> = {};
    propagator.inject(context.active(), headers, setter);
    expect(headers).toEqual({});
    expect(trace.getSpan(ROOT_CONTEXT)).toBeUndefined();
  });
});
