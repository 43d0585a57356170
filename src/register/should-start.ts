import { isMainThread } from 'node:worker_threads';
import { isDisabledByEnv } from '../config/disabled';

/**
 * The guard that runs before any OpenTelemetry code is loaded: a disabled agent costs one
 * env lookup.
 *
 * Worker threads (issue 12): the agent does nothing in them. Threads inherit `--import`, so
 * without this guard every thread would patch its own module copies and start a second
 * delivery engine in the same process: one more pool of connections, one more set of
 * timers, and a spool owner that shares the main thread's pid, so its claims could not be
 * told apart from the living process's. Signals and 'exit' are not delivered to a thread,
 * so whatever such an engine buffered would be lost when the thread is terminated anyway.
 * What a thread's work belongs to is still recorded where it is driven from: a BullMQ job
 * run with `useWorkerThreads` has its `job.perform` (attempt, outcome, error, duration) in
 * the worker's main thread. Forked processes, by contrast, run the full agent: each has
 * its own pid, signals and exit, so its engine and spool claims are its own.
 */
export function shouldStart(): boolean {
  return isMainThread && !isDisabledByEnv();
}
