import { context, type Span } from '@opentelemetry/api';
import { InstrumentationBase, InstrumentationNodeModuleDefinition, type InstrumentationConfig } from '@opentelemetry/instrumentation';
import { diag } from '../diag';
import { SDK_VERSION } from '../version';
import { rememberPerformContext, withParentCarrier } from './job-sandbox-parent';
import { endAllWhenSettled, endWhenSettled, startEnqueue, startPerform, type JobOpts, type PerformedJob } from './job-spans';

/** Bull's name for jobs added without one (`queue.add(data)`). */
const DEFAULT_JOB_NAME = '__default__';

interface BullJobLike {
  id?: string | number;
  name?: string;
  opts?: JobOpts;
  timestamp?: number;
  attemptsMade?: number;
  queue?: { name?: string };
}
interface BullQueueLike {
  name: string;
  handlers?: Record<string, unknown>;
}
type AnyFn = (this: unknown, ...args: unknown[]) => unknown;
type Handler = (job: BullJobLike) => unknown;
interface BullQueueClass {
  prototype: Record<string, AnyFn>;
  Job?: { prototype: Record<string, AnyFn> };
}
/** `require('bull')` is the Queue class; `import` gives a namespace whose default it is. */
type BullExports = BullQueueClass | { default?: BullQueueClass };

function queueClassOf(exports: BullExports): BullQueueClass | undefined {
  if (typeof exports === 'function') return exports as BullQueueClass;
  const fallback = (exports as { default?: BullQueueClass }).default;
  return typeof fallback === 'function' ? fallback : undefined;
}

const WRAPPED = Symbol('ezlogs.bull.handler');

/**
 * Classic Bull (3.x/4.x), zero-config, the same events as BullMQ: `Queue.add`/`addBulk` record
 * `job.enqueue` and write the producer's context into the job's options (Bull stores unknown
 * options as they are); each run of a `process` handler records one `job.perform`, continuing
 * it in whatever process runs the handler.
 *
 * The handler is wrapped where Bull stores it (`setHandler`), not around `processJob`, so the
 * span measures the job itself, not Bull's bookkeeping after it. A sandboxed handler (a file
 * path) is wrapped the same way: this process records the perform, its child continues it.
 */
export class BullInstrumentation extends InstrumentationBase<InstrumentationConfig> {
  constructor(private readonly onJobDone: () => void) {
    super('@ezlogs/instrumentation-bull', SDK_VERSION, {});
  }

  protected init(): InstrumentationNodeModuleDefinition[] {
    return [
      new InstrumentationNodeModuleDefinition(
        'bull',
        ['>=3.0.0 <5'],
        (exports: BullExports) => {
          const queueClass = queueClassOf(exports);
          if (queueClass) this.patch(queueClass);
          else diag.warn('bull: unexpected module shape, its jobs are not instrumented');
          return exports;
        },
        (exports: BullExports) => {
          const queueClass = queueClassOf(exports);
          if (queueClass) this.unpatch(queueClass);
          return exports;
        },
      ),
    ];
  }

  private patch(exports: BullQueueClass): void {
    const tracer = this.tracer;
    const onJobDone = this.onJobDone;
    this._wrap(exports.prototype, 'add', (original: AnyFn) =>
      function (this: unknown, ...args: unknown[]) {
        const queue = this as BullQueueLike;
        // add(data, opts?) names the job Bull's default; add(name, data, opts?) names it.
        const named = typeof args[0] === 'string';
        const jobName = named ? String(args[0]) : DEFAULT_JOB_NAME;
        const optsIndex = named ? 2 : 1;
        const { span, ctx, opts } = startEnqueue(tracer, queue.name, jobName, args[optsIndex] as JobOpts | undefined);
        const patched = [...args];
        patched[optsIndex] = opts;
        return endWhenSettled(span, context.with(ctx, () => original.apply(this, patched)), { idFromResult: true });
      },
    );
    this._wrap(exports.prototype, 'addBulk', (original: AnyFn) =>
      function (this: unknown, jobs: unknown) {
        const queue = this as BullQueueLike;
        if (!Array.isArray(jobs)) return original.call(this, jobs);
        const spans: Span[] = [];
        const patched = jobs.map((job: { name?: string; data: unknown; opts?: JobOpts }) => {
          const started = startEnqueue(tracer, queue.name, typeof job.name === 'string' ? job.name : DEFAULT_JOB_NAME, job.opts);
          spans.push(started.span);
          return { ...job, opts: started.opts };
        });
        return endAllWhenSettled(spans, original.call(this, patched));
      },
    );
    this._wrap(exports.prototype, 'setHandler', (original: AnyFn) =>
      function (this: unknown, name: unknown, ...rest: unknown[]) {
        const result = original.call(this, name, ...rest);
        const handlers = (this as BullQueueLike).handlers;
        const key = String(name);
        const handler = handlers?.[key];
        if (handlers && typeof handler === 'function' && !(WRAPPED in handler)) {
          handlers[key] = wrapHandler(handler as Handler, (this as BullQueueLike).name);
        }
        return result;
      },
    );
    if (exports.Job) {
      // A sandboxed handler sends the job to its child as JSON: the perform context rides along.
      this._wrap(exports.Job.prototype, 'toJSON', (original: AnyFn) =>
        function (this: unknown, ...args: unknown[]) {
          return withParentCarrier(this as object, original.apply(this, args));
        },
      );
    }

    function wrapHandler(handler: Handler, queueName: string): Handler {
      const wrapped = (job: BullJobLike): unknown => {
        const { span, ctx } = startPerform(tracer, performedJob(job, queueName));
        rememberPerformContext(job, ctx);
        return endWhenSettled(span, context.with(ctx, () => handler(job)), { after: onJobDone });
      };
      return Object.assign(wrapped, { [WRAPPED]: true });
    }
  }

  private unpatch(exports: BullQueueClass): void {
    this._unwrap(exports.prototype, 'add');
    this._unwrap(exports.prototype, 'addBulk');
    this._unwrap(exports.prototype, 'setHandler');
    if (exports.Job) this._unwrap(exports.Job.prototype, 'toJSON');
  }
}

function performedJob(job: BullJobLike, queueName: string): PerformedJob {
  return {
    id: job.id !== undefined ? String(job.id) : undefined,
    name: job.name ?? DEFAULT_JOB_NAME,
    queueName: job.queue?.name ?? queueName,
    opts: job.opts,
    // Bull counts finished failures: the run starting now is one more.
    attempt: (job.attemptsMade ?? 0) + 1,
    createdAt: job.timestamp,
  };
}
