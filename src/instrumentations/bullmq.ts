import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { InstrumentationBase, InstrumentationNodeModuleDefinition, type InstrumentationConfig } from '@opentelemetry/instrumentation';
import { extractJobContext, injectJobCarrier } from '../correlation/job-carrier';
import { bindScopeToSpan, SCOPE_KEY } from '../correlation/scope';
import { ATTR_ACTION, ATTR_EVENT_TYPE, ATTR_META_PREFIX } from '../events/map-span';
import { SDK_VERSION } from '../version';

/** The job option our context travels in; BullMQ stores unknown options as they are. */
export const JOB_OPTION = 'ezlogs';

interface JobOpts {
  delay?: number;
  attempts?: number;
  [JOB_OPTION]?: Record<string, unknown>;
  [key: string]: unknown;
}
interface JobLike {
  id?: string;
  name: string;
  queueName: string;
  opts: JobOpts;
  timestamp?: number;
  attemptsMade?: number;
  attemptsStarted?: number;
}
interface QueueLike {
  name: string;
}
interface FlowJobLike {
  name: string;
  queueName: string;
  opts?: JobOpts;
  children?: FlowJobLike[];
}
type AnyFn = (this: unknown, ...args: unknown[]) => unknown;
interface BullMqExports {
  Queue?: { prototype: Record<string, AnyFn> };
  Worker?: { prototype: Record<string, AnyFn> };
  FlowProducer?: { prototype: Record<string, AnyFn> };
}

const meta = (key: string): string => `${ATTR_META_PREFIX}${key}`;

/**
 * BullMQ, zero-config, our own instrumentation: the maintained third-party ones either do
 * not continue the producer's context in the worker or need code changes (BullMQ's own
 * `telemetry` option). Enqueue (`add`, `addBulk`, flows) records `job.enqueue` and writes the
 * producer's trace context and correlation into the job's options; the worker continues it,
 * in any process, one `job.perform` per attempt.
 */
export class BullMqInstrumentation extends InstrumentationBase<InstrumentationConfig> {
  constructor(private readonly onJobDone: () => void) {
    super('@ezlogs/instrumentation-bullmq', SDK_VERSION, {});
  }

  protected init(): InstrumentationNodeModuleDefinition[] {
    return [
      new InstrumentationNodeModuleDefinition(
        'bullmq',
        ['>=5.0.0 <7'],
        (exports: BullMqExports) => {
          this.patch(exports);
          return exports;
        },
        (exports: BullMqExports) => {
          this.unpatch(exports);
          return exports;
        },
      ),
    ];
  }

  private patch(exports: BullMqExports): void {
    const tracer = this.tracer;
    const onJobDone = this.onJobDone;
    if (exports.Queue) {
      this._wrap(exports.Queue.prototype, 'add', (original: AnyFn) =>
        function (this: unknown, name: unknown, data: unknown, opts: unknown) {
          const queue = this as QueueLike;
          const { span, ctx, opts: withCarrier } = startEnqueue(tracer, queue.name, String(name), opts as JobOpts | undefined);
          return endWhenSettled(span, context.with(ctx, () => original.call(this, name, data, withCarrier)));
        },
      );
      this._wrap(exports.Queue.prototype, 'addBulk', (original: AnyFn) =>
        function (this: unknown, jobs: unknown) {
          const queue = this as QueueLike;
          if (!Array.isArray(jobs)) return original.call(this, jobs);
          const spans: Span[] = [];
          const patched = jobs.map((job: { name: string; data: unknown; opts?: JobOpts }) => {
            const started = startEnqueue(tracer, queue.name, String(job.name), job.opts);
            spans.push(started.span);
            return { ...job, opts: started.opts };
          });
          return endAllWhenSettled(spans, original.call(this, patched));
        },
      );
    }
    if (exports.FlowProducer) {
      this._wrap(exports.FlowProducer.prototype, 'add', (original: AnyFn) =>
        function (this: unknown, flow: unknown, opts: unknown) {
          const spans: Span[] = [];
          const patched = flow && typeof flow === 'object' ? withFlowCarriers(tracer, flow as FlowJobLike, spans) : flow;
          return endAllWhenSettled(spans, original.call(this, patched, opts));
        },
      );
    }
    if (exports.Worker) {
      this._wrap(exports.Worker.prototype, 'callProcessJob', (original: AnyFn) =>
        function (this: unknown, job: unknown, ...rest: unknown[]) {
          const j = job as JobLike;
          const { span, ctx } = startPerform(tracer, j);
          const result = context.with(ctx, () => original.call(this, job, ...rest));
          return endWhenSettled(span, result, onJobDone);
        },
      );
    }
  }

  private unpatch(exports: BullMqExports): void {
    if (exports.Queue) {
      this._unwrap(exports.Queue.prototype, 'add');
      this._unwrap(exports.Queue.prototype, 'addBulk');
    }
    if (exports.FlowProducer) this._unwrap(exports.FlowProducer.prototype, 'add');
    if (exports.Worker) this._unwrap(exports.Worker.prototype, 'callProcessJob');
  }
}

function startEnqueue(tracer: Tracer, queueName: string, jobName: string, opts: JobOpts | undefined): { span: Span; ctx: ReturnType<typeof context.active>; opts: JobOpts } {
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

function withFlowCarriers(tracer: Tracer, node: FlowJobLike, spans: Span[]): FlowJobLike {
  const started = startEnqueue(tracer, node.queueName, node.name, node.opts);
  spans.push(started.span);
  return {
    ...node,
    opts: started.opts,
    ...(Array.isArray(node.children) ? { children: node.children.map((child) => withFlowCarriers(tracer, child, spans)) } : {}),
  };
}

function startPerform(tracer: Tracer, job: JobLike): { span: Span; ctx: ReturnType<typeof context.active> } {
  const carrier = job.opts?.[JOB_OPTION];
  const { ctx: parent, scope } = extractJobContext(carrier);
  const attempt = typeof job.attemptsStarted === 'number' && job.attemptsStarted > 0 ? job.attemptsStarted : (job.attemptsMade ?? 0) + 1;
  const enqueuedAt = typeof carrier?.enqueued_at === 'number' ? carrier.enqueued_at : job.timestamp;
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
        ...(job.id !== undefined ? { [meta('job_id')]: String(job.id) } : {}),
        [meta('attempt')]: attempt,
        [meta('max_attempts')]: typeof job.opts?.attempts === 'number' ? job.opts.attempts : 1,
        ...(delay > 0 ? { [meta('delay_ms')]: delay } : {}),
        // Wait time means enqueue -> first start; a retry's wait is its backoff, not queueing.
        ...(attempt === 1 && typeof enqueuedAt === 'number' ? { [meta('wait_ms')]: Math.max(0, Date.now() - enqueuedAt - delay) } : {}),
      },
    },
    parent,
  );
  bindScopeToSpan(span, scope);
  return { span, ctx: trace.setSpan(parent, span).setValue(SCOPE_KEY, scope) };
}

function endWhenSettled(span: Span, result: unknown, after?: () => void): unknown {
  if (!result || typeof (result as Promise<unknown>).then !== 'function') {
    span.end();
    after?.();
    return result;
  }
  return (result as Promise<unknown>).then(
    (value) => {
      const id = (value as { id?: unknown } | undefined)?.id;
      if (id !== undefined && span.isRecording()) span.setAttribute(meta('job_id'), String(id));
      span.end();
      after?.();
      return value;
    },
    (err: unknown) => {
      span.recordException(err instanceof Error ? err : new Error(String(err)));
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      span.end();
      after?.();
      throw err;
    },
  );
}

function endAllWhenSettled(spans: Span[], result: unknown): unknown {
  const endAll = (err?: unknown): void => {
    for (const span of spans) {
      if (err !== undefined) {
        span.recordException(err instanceof Error ? err : new Error(String(err)));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    }
  };
  if (!result || typeof (result as Promise<unknown>).then !== 'function') {
    endAll();
    return result;
  }
  return (result as Promise<unknown>).then(
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
