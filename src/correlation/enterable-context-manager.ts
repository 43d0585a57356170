import type { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

/**
 * The standard AsyncLocalStorage context manager, plus `enterWith`: an HTTP request observed
 * through node's diagnostics channels is entered, not wrapped, so its handler (which node calls
 * right after the channel message, in the same execution) runs in the request's context
 * without patching `Server.prototype.emit`.
 */
export class EnterableContextManager extends AsyncLocalStorageContextManager {
  enterWith(ctx: Context): void {
    (this as unknown as { _asyncLocalStorage: AsyncLocalStorage<Context> })._asyncLocalStorage.enterWith(ctx);
  }
}

let current: EnterableContextManager | undefined;

/** The manager the agent registered globally, if it is ours (another SDK's may be in place). */
export function enterableContextManager(): EnterableContextManager | undefined {
  return current;
}

export function setEnterableContextManager(manager: EnterableContextManager | undefined): void {
  current = manager;
}
