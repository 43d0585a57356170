import { diag } from '../diag';

export interface LifecycleActions {
  flush(): Promise<void>;
  shutdown(): Promise<void>;
  /** Synchronous persistence of what is still buffered: nothing async runs after 'exit'. */
  exitSync(): void;
  /** Events accepted so far: lets beforeExit tell whether there is anything new to flush. */
  eventsCreated(): number;
}

/**
 * SIGTERM, beforeExit and exit, handled without changing how the app exits:
 * - SIGTERM: deliver within the shutdown deadline; then, if the app has no SIGTERM handler of
 *   its own, re-raise the signal so the process ends exactly as it would have without us.
 *   If the app handles SIGTERM, the app decides when to exit (its exit then spools the rest).
 * - beforeExit: flush what arrived since the last flush. The flush's own I/O keeps the loop
 *   alive just long enough; with nothing new, nothing is scheduled, so the process exits.
 * - exit: synchronous spool of anything left.
 */
export function installProcessHooks(actions: LifecycleActions): () => void {
  let flushedAt = -1;
  const onBeforeExit = (): void => {
    const created = actions.eventsCreated();
    if (created === flushedAt) return;
    flushedAt = created;
    actions.flush().catch(() => undefined);
  };
  const onSigterm = (): void => {
    const appHandlesIt = process.listenerCount('SIGTERM') > 0;
    actions
      .shutdown()
      .catch(() => undefined)
      .finally(() => {
        if (!appHandlesIt) process.kill(process.pid, 'SIGTERM');
      });
  };
  const onExit = (): void => {
    try {
      actions.exitSync();
    } catch (err) {
      diag.warn(`could not persist buffered events at exit: ${String(err)}`);
    }
  };
  process.on('beforeExit', onBeforeExit);
  process.once('SIGTERM', onSigterm);
  process.on('exit', onExit);
  return () => {
    process.off('beforeExit', onBeforeExit);
    process.off('SIGTERM', onSigterm);
    process.off('exit', onExit);
  };
}
