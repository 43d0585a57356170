import { EventEmitter } from 'node:events';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorrelationPropagator } from '../../src/correlation/correlation-propagator.js';
import { activeScope } from '../../src/correlation/scope.js';
import { continueSandboxJobs } from '../../src/instrumentations/job-sandbox-child.js';
import { sandboxLibraryOf } from '../../src/instrumentations/sandbox-scripts.js';
import { PARENT_FIELD } from '../../src/instrumentations/job-sandbox-parent.js';

const carrier = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', baggage: 'ezlogs.actor_type=user,ezlogs.actor_id=7', 'x-request-id': 'req-7' };

/** A child process's IPC side: a real emitter, and a `send` that records what left. */
function fakeChild(): EventEmitter & { send: (...args: unknown[]) => boolean; sent: unknown[] } {
  const sent: unknown[] = [];
  return Object.assign(new EventEmitter(), {
    sent,
    send: (...args: unknown[]) => {
      sent.push(args[0]);
      if (typeof args[1] === 'function') (args[1] as () => void)();
      return true;
    },
  });
}

describe('job-sandbox-child: a processor child continues its parent', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(manager.enable());
    propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new CorrelationPropagator()] }));
  });
  afterAll(() => {
    context.disable();
    propagation.disable();
  });

  it.each([
    ['/app/node_modules/bull/lib/process/master.js', 'bull'],
    ['/app/node_modules/bullmq/dist/cjs/classes/main.js', 'bullmq'],
    ['C:\\app\\node_modules\\bullmq\\dist\\esm\\classes\\main.js', 'bullmq'],
    ['/app/node_modules/bullmq/dist/cjs/classes/main-worker.js', undefined],
    ['/app/server.js', undefined],
    [undefined, undefined],
  ])('tells %s is a sandbox child of %s', (script, library) => {
    expect(sandboxLibraryOf(script)).toBe(library);
  });

  it("runs the job message's listeners in the parent's perform context and correlation", () => {
    const child = fakeChild();
    continueSandboxJobs(child, { library: 'bull', flush: () => Promise.resolve(), flushDeadlineMs: 100 });
    let seen: { traceId?: string; requestId?: string; actor?: unknown } = {};
    child.on('message', () => {
      seen = { traceId: trace.getSpanContext(context.active())?.traceId, requestId: activeScope()?.effectiveRequestId, actor: activeScope()?.effectiveActor };
    });
    child.emit('message', { cmd: 'start', job: { id: '1', [PARENT_FIELD]: carrier } });
    expect(seen).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', requestId: 'req-7', actor: { type: 'user', id: '7' } });
    child.emit('message', { cmd: 'start', job: { id: '2' } });
    expect(seen.traceId).toBeUndefined();
  });

  it('holds the "job done" message until the flush has finished, and passes other messages at once', async () => {
    const child = fakeChild();
    let finishFlush: () => void = () => undefined;
    continueSandboxJobs(child, { library: 'bullmq', flush: () => new Promise<void>((r) => (finishFlush = r)), flushDeadlineMs: 5_000 });
    child.send({ cmd: 8, value: 50 });
    child.send({ cmd: 0, value: 'result' });
    expect(child.sent).toEqual([{ cmd: 8, value: 50 }]);
    finishFlush();
    await new Promise((r) => setImmediate(r));
    expect(child.sent).toEqual([{ cmd: 8, value: 50 }, { cmd: 0, value: 'result' }]);
  });

  it('reports the job after the deadline when the endpoint is too slow (its events stay buffered)', async () => {
    const child = fakeChild();
    continueSandboxJobs(child, { library: 'bull', flush: () => new Promise<void>(() => undefined), flushDeadlineMs: 20 });
    const started = Date.now();
    await new Promise<void>((resolve) => child.send({ cmd: 'failed', value: {} }, resolve));
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('installs once per process', () => {
    const child = fakeChild();
    expect(continueSandboxJobs(child, { library: 'bull', flush: () => Promise.resolve(), flushDeadlineMs: 10 })).toBe(true);
    expect(continueSandboxJobs(child, { library: 'bull', flush: () => Promise.resolve(), flushDeadlineMs: 10 })).toBe(false);
  });
});
