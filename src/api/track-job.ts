import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { runningAgent } from '../agent-state';
import { activeScope, bindScopeToSpan, CorrelationScope, SCOPE_KEY } from '../correlation/scope';
import { EzlogsError } from '../errors';
import { ATTR_ACTION, ATTR_EVENT_TYPE, ATTR_META_PREFIX } from '../events/map-span';

/**
 * Runs `fn` as a job of any runner (cron, setTimeout, an in-process queue): one `job.perform`
 * event with its outcome, error and duration, in the trace and correlation of where it was
 * scheduled (AsyncLocalStorage carries them into timers and promises). `fn`'s result or
 * rejection passes through unchanged.
 */
export function trackJob<T>(queue: string, name: string, fn: () => Promise<T>): Promise<T> {
  if (typeof fn !== 'function') {
    throw new EzlogsError('EZLOGS_ERR_ARGUMENT_INVALID', `trackJob(queue, name, fn): fn must be a function returning a promise, got ${typeof fn}`);
  }
  const running = runningAgent();
  if (!running) return Promise.resolve().then(fn);
  const queueName = String(queue || 'default');
  const jobName = String(name || 'job');
  const tracer = running.tracerProvider.getTracer('@ezlogs/node');
  const span = tracer.startSpan(`${queueName}.${jobName}`, {
    kind: SpanKind.CONSUMER,
    attributes: {
      [ATTR_EVENT_TYPE]: 'job.perform',
      [ATTR_ACTION]: `${queueName}.${jobName}`,
      [`${ATTR_META_PREFIX}queue`]: queueName,
      [`${ATTR_META_PREFIX}job_name`]: jobName,
      [`${ATTR_META_PREFIX}runner`]: 'trackJob',
    },
  });
  // A job is a child scope: it reads request id, actor, session and flow from where it was scheduled.
  const scope = new CorrelationScope(activeScope());
  bindScopeToSpan(span, scope);
  const ctx = trace.setSpan(context.active(), span).setValue(SCOPE_KEY, scope);
  return context.with(ctx, async () => {
    try {
      const result = await fn();
      span.end();
      return result;
    } catch (err) {
      span.recordException(err instanceof Error ? err : new Error(String(err)));
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      span.end();
      throw err;
    }
  });
}
