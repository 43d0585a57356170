import { context, type Context } from '@opentelemetry/api';
import { agentState } from '../agent-state';
import { extractJobContext } from '../correlation/job-carrier';
import { SCOPE_KEY } from '../correlation/scope';
import { diag } from '../diag';
import type { InstrumentationContext } from './instrumentation-context';
import { PARENT_FIELD } from './job-sandbox-parent';
import { sandboxLibraryOf, type SandboxLibrary } from './sandbox-scripts';

/** The messages a child sends when its job is over (Bull: 'completed'/'failed'; BullMQ: ParentCommand Completed 0, Error 1, Failed 2). */
const jobDoneCommands: Record<SandboxLibrary, ReadonlySet<unknown>> = {
  bull: new Set(['completed', 'failed', 'error']),
  bullmq: new Set([0, 1, 2]),
};

export interface SandboxChildOptions {
  library: SandboxLibrary;
  /** Delivers what is buffered; never rejects. */
  flush(): Promise<void>;
  /** The longest a job's completion waits for its events to be delivered. */
  flushDeadlineMs: number;
}

interface IpcProcess {
  emit(event: string | symbol, ...args: unknown[]): boolean;
  send?: (...args: unknown[]) => boolean;
}

const installedKey = Symbol.for('@ezlogs/node.sandbox-child');

/**
 * The processor child's side of a sandboxed job. Its library runs the processor from the
 * job message it receives: that message's listeners run in the context the parent's
 * `job.perform` sent along, so the child's own events nest under it (no second perform).
 * The child's "job done" message waits until those events are delivered (within a deadline),
 * so a child that exits or is recycled right after its job loses nothing; what the deadline
 * cuts off stays buffered and is spooled at exit.
 */
export function continueSandboxJobs(proc: IpcProcess, options: SandboxChildOptions): boolean {
  const marked = proc as IpcProcess & { [installedKey]?: true };
  if (marked[installedKey] || typeof proc.send !== 'function') return false;
  marked[installedKey] = true;
  const done = jobDoneCommands[options.library];

  const emit = proc.emit;
  proc.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    const ctx = event === 'message' ? parentContextOf(args[0]) : undefined;
    return ctx ? context.with(ctx, () => emit.call(this, event, ...args)) : emit.call(this, event, ...args);
  };

  const send = proc.send;
  proc.send = function (this: unknown, ...args: unknown[]): boolean {
    if (!done.has((args[0] as { cmd?: unknown } | undefined)?.cmd)) return send.apply(this, args);
    void flushWithin(options).then(() => {
      try {
        send.apply(this, args);
      } catch (err) {
        // The parent went away; the library's own send callback is not reached either way.
        diag.debug(`sandbox child could not report its job: ${String(err)}`);
      }
    });
    return true;
  };
  return true;
}

function parentContextOf(message: unknown): Context | undefined {
  const job = (message as { job?: Record<string, unknown> } | undefined)?.job;
  const carrier = job && typeof job === 'object' ? job[PARENT_FIELD] : undefined;
  if (!carrier || typeof carrier !== 'object') return undefined;
  const { ctx, scope } = extractJobContext(carrier);
  return ctx.setValue(SCOPE_KEY, scope);
}

function flushWithin(options: SandboxChildOptions): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, options.flushDeadlineMs);
    timer.unref();
    options.flush().then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

/**
 * Called when an instrumentation is built: in a sandbox child of `library` (told by the script
 * Node runs), jobs continue their parent's context and report done only once delivered.
 */
export function continueIfSandboxChild(library: SandboxLibrary, ctx: InstrumentationContext): void {
  if (sandboxLibraryOf(process.argv[1]) !== library) return;
  const installed = continueSandboxJobs(process as unknown as IpcProcess, {
    library,
    flush: flushAllSinks,
    // Bounded: a slow endpoint must not stall the queue; what is cut off is spooled at exit.
    flushDeadlineMs: Math.min(ctx.config.timeoutMs, 2000),
  });
  if (installed) diag.debug(`${library} sandbox child: jobs continue the parent's context`);
}

async function flushAllSinks(): Promise<void> {
  const running = agentState().running;
  if (!running) return;
  await Promise.all(running.pipeline.allSinks().map((s) => s.flush().catch(() => undefined)));
}
