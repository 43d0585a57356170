import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';
import { extractJobContext } from './job-carrier';
import { SCOPE_KEY } from './scope';

/** The env var a parent sets (through `forkContext()`) for a child process to continue its context. */
export const PARENT_CONTEXT_ENV = 'EZLOGS_PARENT_CONTEXT';

/**
 * The parent's context, from the env var's value: its span as remote parent, its correlation
 * as the scope. A missing or malformed value is simply no parent (never an error).
 */
export function parseParentContext(raw: string | undefined): Context | undefined {
  if (!raw) return undefined;
  let carrier: unknown;
  try {
    carrier = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!carrier || typeof carrier !== 'object' || Array.isArray(carrier)) return undefined;
  const { ctx, scope } = extractJobContext(carrier);
  return ctx.setValue(SCOPE_KEY, scope);
}

/**
 * A context manager whose "nothing active" is the parent's context: everything the child
 * process does outside any span of its own (its top-level code, its servers, its timers)
 * continues the parent that forked it. Everything else is the wrapped manager's.
 */
export function withParentRoot(inner: ContextManager, parent: Context): ContextManager {
  const manager: ContextManager = {
    active: () => {
      const ctx = inner.active();
      return ctx === ROOT_CONTEXT ? parent : ctx;
    },
    with: (ctx, fn, thisArg, ...args) => inner.with(ctx, fn, thisArg, ...args),
    bind: (ctx, target) => inner.bind(ctx, target),
    enable: () => {
      inner.enable();
      return manager;
    },
    disable: () => {
      inner.disable();
      return manager;
    },
  };
  return manager;
}
