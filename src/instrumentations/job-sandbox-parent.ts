import type { Context } from '@opentelemetry/api';
import { injectJobCarrier, type JobCarrier } from '../correlation/job-carrier';

/**
 * The field of a sandboxed job's message that carries the parent's `job.perform` context to
 * the processor child: the child's own events (its queries, its calls) then nest under the
 * one perform span the parent records, so a job is never performed twice in the events.
 */
export const PARENT_FIELD = 'ezlogs_parent';

// Keyed by the job object of one attempt: both libraries build a fresh one per attempt.
const performContexts = new WeakMap<object, Context>();

export function rememberPerformContext(job: object, ctx: Context): void {
  performContexts.set(job, ctx);
}

/** The job's serialized form plus the parent carrier, when the job is being performed here. */
export function withParentCarrier<T>(job: object, json: T): T {
  const ctx = performContexts.get(job);
  if (!ctx || !json || typeof json !== 'object') return json;
  const carrier: JobCarrier = injectJobCarrier(ctx);
  return { ...json, [PARENT_FIELD]: carrier };
}
