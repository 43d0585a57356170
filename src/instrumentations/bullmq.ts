import { context, type Span, type Tracer } from '@opentelemetry/api';
import { InstrumentationBase, InstrumentationNodeModuleDefinition, type InstrumentationConfig } from '@opentelemetry/instrumentation';
import { SDK_VERSION } from '../version';
import { rememberPerformContext, withParentCarrier } from './job-sandbox-parent';
import { endAllWhenSettled, endWhenSettled, startEnqueue, startPerform, type JobOpts, type PerformedJob } from './job-spans';

export { JOB_OPTION } from './job-spans';

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
  Job?: { prototype: Record<string, AnyFn> };
}

/**
 * BullMQ, zero-config, our own instrumentation: the maintained third-party ones either do
 * not continue the producer's context in the worker or need code changes (BullMQ's own
 * `telemetry` option). Enqueue (`add`, `addBulk`, flows) records `job.enqueue` and writes the
 * producer's trace context and correlation into the job's options; the worker continues it,
 * in any process, one `job.perform` per attempt.
 *
 * Sandboxed processors (a file path): the worker process records the `job.perform` (it sees
 * every outcome, a crashed child included) and hands its context to the child in the job's
 * sandbox message; the child continues it (job-sandbox-child.ts) without a second perform.
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
          return endWhenSettled(span, context.with(ctx, () => original.call(this, name, data, withCarrier)), { idFromResult: true });
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
          const { span, ctx } = startPerform(tracer, performedJob(j));
          rememberPerformContext(j, ctx);
          const result = context.with(ctx, () => original.call(this, job, ...rest));
          return endWhenSettled(span, result, { after: onJobDone });
        },
      );
    }
    if (exports.Job && typeof exports.Job.prototype.asJSONSandbox === 'function') {
      this._wrap(exports.Job.prototype, 'asJSONSandbox', (original: AnyFn) =>
        function (this: unknown, ...args: unknown[]) {
          return withParentCarrier(this as object, original.apply(this, args));
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
    if (exports.Job) this._unwrap(exports.Job.prototype, 'asJSONSandbox');
  }
}

function performedJob(job: JobLike): PerformedJob {
  const attempt = typeof job.attemptsStarted === 'number' && job.attemptsStarted > 0 ? job.attemptsStarted : (job.attemptsMade ?? 0) + 1;
  return { id: job.id !== undefined ? String(job.id) : undefined, name: job.name, queueName: job.queueName, opts: job.opts, attempt, createdAt: job.timestamp };
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
