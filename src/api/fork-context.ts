import { runningAgent } from '../agent-state';
import { injectJobCarrier } from '../correlation/job-carrier';
import { PARENT_CONTEXT_ENV } from '../correlation/fork-parent-context';

/**
 * The environment a child process needs to continue the current trace and correlation
 * (request id, actor, session, flow) when the agent starts in it:
 *
 *     fork('./report.js', { env: { ...process.env, ...forkContext() } })
 *
 * Works for `spawn`/`exec` of a node script alike. Returns `{}` when the agent is not running,
 * so spreading it is always safe. Bull and BullMQ sandboxed processors need no call.
 */
export function forkContext(): Record<string, string> {
  if (!runningAgent()) return {};
  return { [PARENT_CONTEXT_ENV]: JSON.stringify(injectJobCarrier()) };
}
