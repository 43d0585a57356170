import { isMainThread } from 'node:worker_threads';
import { isDisabledByEnv } from '../config/disabled';

/**
 * The guard that runs before any OpenTelemetry code is loaded: a disabled agent costs one
 * env lookup. Worker threads inherit `--import`, but the main thread's agent already owns
 * the delivery engine and the spool, so a worker does not start a second one.
 */
export function shouldStart(): boolean {
  return isMainThread && !isDisabledByEnv();
}
