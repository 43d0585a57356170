import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorrelationPropagator } from '../../src/correlation/correlation-propagator.js';
import { parseParentContext, withParentRoot } from '../../src/correlation/fork-parent-context.js';
import { scopeFromContext } from '../../src/correlation/scope.js';
import { EventCollector } from '../helpers/event-collector.js';
import { spawnApp } from '../helpers/spawn-app.js';
import { jobsFixture, linkPackageForFixtures } from './fixtures.js';
import { freshSpoolDir } from '../helpers/fresh-dir.js';

const parentCarrier = JSON.stringify({
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  baggage: 'ezlogs.request_id=req-9,ezlogs.flow_id=nightly',
  'x-request-id': 'req-9',
});

describe('issue 12: child_process.fork continues the parent context', () => {
  // The agent's propagators, as start() installs them.
  beforeAll(() => {
    propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new CorrelationPropagator()] }));
  });
  afterAll(() => propagation.disable());

  it('reads the parent span and correlation from EZLOGS_PARENT_CONTEXT', () => {
    const ctx = parseParentContext(parentCarrier)!;
    expect(trace.getSpanContext(ctx)).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', isRemote: true });
    expect(scopeFromContext(ctx)).toMatchObject({ requestId: 'req-9', flowId: 'nightly' });
  });

  it.each(['', 'not json', '[]', '"x"', 'null'])('treats %j as no parent, never an error', (raw) => {
    expect(parseParentContext(raw)).toBeUndefined();
  });

  describe('a context manager rooted at the parent', () => {
    let parent: ReturnType<typeof parseParentContext>;
    let manager: ReturnType<typeof withParentRoot>;
    beforeAll(() => {
      parent = parseParentContext(parentCarrier);
      expect(parent).toBeDefined();
      manager = withParentRoot(new AsyncLocalStorageContextManager(), parent!).enable();
    });
    afterAll(() => manager.disable());

    it('makes the parent the context of top-level code, timers included', async () => {
      expect(manager.active()).toBe(parent);
      const inTimer = await new Promise((resolve) => setTimeout(() => resolve(manager.active()), 1));
      expect(inTimer).toBe(parent);
    });

    it("leaves the child's own contexts to the wrapped manager", () => {
      const own = ROOT_CONTEXT.setValue(Symbol('k'), 1);
      expect(manager.with(own, () => manager.active())).toBe(own);
      expect(manager.active()).toBe(parent);
      expect(context.active()).toBe(ROOT_CONTEXT); // not installed globally by this test
    });
  });

  it('forkContext() hands a forked script the request trace, request id, actor and flow', async () => {
    linkPackageForFixtures();
    const collector = new EventCollector();
    const endpoint = await collector.start();
    const app = spawnApp(jobsFixture('fork-parent.mjs'), { env: { EZLOGS_ENDPOINT: endpoint, EZLOGS_FLUSH_INTERVAL_MS: '100', EZLOGS_SPOOL_DIR: freshSpoolDir('fork') } });
    try {
      const port = (await app.waitForLine(/READY (\d+)/))[1];
      const handed = (await (await fetch(`http://127.0.0.1:${port}/report`, { headers: { 'x-request-id': 'req-fork-1' } })).json()) as Record<string, string>;
      const request = (await collector.waitFor((all) => all.some((e) => e.event_type === 'http.request'))).find((e) => e.event_type === 'http.request');
      const ctx = parseParentContext(JSON.stringify(handed))!;
      expect(trace.getSpanContext(ctx)?.traceId).toBe(request?.correlation.trace_id);
      expect(scopeFromContext(ctx)).toMatchObject({ requestId: 'req-fork-1', flowId: 'fork_flow', actor: { type: 'user', id: 'u-fork' } });
      // The forked script's own agent (inherited --import) continues that context by itself.
      const all = await collector.waitFor((evs) => evs.some((e) => e.event_type === 'report.generated'));
      const report = all.find((e) => e.event_type === 'report.generated')!;
      expect(report.correlation).toMatchObject({ trace_id: request?.correlation.trace_id, request_id: 'req-fork-1', flow_id: 'fork_flow' });
      expect(report.actor).toEqual({ type: 'user', id: 'u-fork' });
    } finally {
      app.kill();
      await app.exited;
      await collector.stop();
    }
  });
});
