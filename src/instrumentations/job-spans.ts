import { context, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { extractJobContext, injectJobCarrier } from '../correlation/job-carrier';
import { bindScopeToSpan, SCOPE_KEY } from '../correlation/scope';
import { ATTR_ACTION, ATTR_EVENT_TYPE, ATTR_META_PREFIX } from '../events/map-span';

/** The job option our context travels in; BullMQ and Bull store unknown options as they are. */
export const JOB_OPTION = 'ezlogs';

export interface JobOpts {
  delay?: number;
  attempts?: number;
  [JOB_OPTION]?: Record<string, unknown>;
  [key: string]: unknown;
}

/** What a perform span needs to know about one attempt, whichever library ran it. */
export interface PerformedJob {
  id: string | undefined;
  name: string;
  queueName: string;
  opts: JobOpts | undefined;
  /** 1 for the first run. */
  attempt: number;
  /** The job's creation time, when the carrier has no enqueue time (jobs added without the agent). */
  createdAt: number | undefined;
}

const meta = (key: string): string => `${ATTR_META_PREFIX}${key}`;

/** A `job.enqueue` span, and the job options with the producer's context written into them. */
export function startEnqueue(tracer: Tracer, queueName: string, jobName: string, opts: JobOpts | undefined): { span: Span; ctx: Context; opts: JobOpts } {
  const span = tracer.startSpan(`${queueName}.${jobName}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      [ATTR_EVENT_TYPE]: 'job.enqueue',
      [ATTR_ACTION]: `${queueName}.${jobName}`,
      [meta('queue')]: queueName,
      [meta('job_name')]: jobName,
      ...(typeof opts?.delay === 'number' && opts.delay > 0 ? { [meta('delay_ms')]: opts.delay } : {}),
      ...(typeof opts?.attempts === 'number' ? { [meta('max_attempts')]: opts.attempts } : {}),
    },
  });
  const ctx = trace.setSpan(context.active(), span);
  return { span, ctx, opts: { ...(opts ?? {}), [JOB_OPTION]: { ...injectJobCarrier(ctx), enqueued_at: Date.now() } } };
}

/** A `job.perform` span continuing the producer's context carried in the job's options. */
export function startPerform(tracer: Tracer, job: PerformedJob): { span: Span; ctx: Context } {
  const carrier = job.opts?.[JOB_OPTION];
  const { ctx: parent, scope } = extractJobContext(carrier);
  const enqueuedAt = typeof carrier?.enqueued_at === 'number' ? carrier.enqueued_at : job.createdAt;
  const delay = typeof job.opts?.delay === 'number' ? job.opts.delay : 0;
  const span = tracer.startSpan(
    `${job.queueName}.${job.name}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        [ATTR_EVENT_TYPE]: 'job.perform',
        [ATTR_ACTION]: `${job.queueName}.${job.name}`,
        [meta('queue')]: job.queueName,
        [meta('job_name')]: job.name,
        ...(job.id !== undefined ? { [meta('job_id')]: job.id } : {}),
        [meta('attempt')]: job.attempt,
        [meta('max_attempts')]: typeof job.opts?.attempts === 'number' ? job.opts.attempts : 1,
        ...(delay > 0 ? { [meta('delay_ms')]: delay } : {}),
        // Wait time means enqueue -> first start; a retry's wait is its backoff, not queueing.
        ...(job.attempt === 1 && typeof enqueuedAt === 'number' ? { [meta('wait_ms')]: Math.max(0, Date.now() - enqueuedAt - delay) } : {}),
      },
    },
    parent,
  );
  bindScopeToSpan(span, scope);
  return { span, ctx: trace.setSpan(parent, span).setValue(SCOPE_KEY, scope) };
}

const isThenable = (value: unknown): value is Promise<unknown> => !!value && typeof (value as Promise<unknown>).then === 'function';

function fail(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : new Error(String(err)));
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
}

/**
 * Ends the span when the result settles (a rejection marks it failed and passes through).
 * `idFromResult`: an enqueue learns its job id from the created job.
 */
export function endWhenSettled(span: Span, result: unknown, options: { after?: () => void; idFromResult?: boolean } = {}): unknown {
  const { after, idFromResult = false } = options;
  if (!isThenable(result)) {
    span.end();
    after?.();
    return result;
  }
  return result.then(
    (value) => {
      const id = idFromResult ? (value as { id?: unknown } | undefined)?.id : undefined;
      if (id !== undefined && id !== null && span.isRecording()) span.setAttribute(meta('job_id'), String(id));
      span.end();
      after?.();
      return value;
    },
    (err: unknown) => {
      fail(span, err);
      span.end();
      after?.();
      throw err;
    },
  );
}

export function endAllWhenSettled(spans: Span[], result: unknown): unknown {
  const endAll = (err?: unknown): void => {
    for (const span of spans) {
      if (err !== undefined) fail(span, err);
      span.end();
    }
  };
  if (!isThenable(result)) {
    endAll();
    return result;
  }
  return result.then(
    (value) => {
      endAll();
      return value;
    },
    (err: unknown) => {
      endAll(err);
      throw err;
    },
  );
}
