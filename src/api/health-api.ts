import { agentState, runningAgent } from '../agent-state';
import { emptyDeliveryHealth, type Health } from '../health/health';

/** A snapshot of the agent's delivery and processing counters (SPEC section 6). */
export function health(): Health {
  const state = agentState();
  const running = runningAgent();
  const delivery = running?.delivery?.health() ?? emptyDeliveryHealth();
  return {
    ...delivery,
    started: running !== undefined && state.shutdown === undefined,
    exporters: running?.pipeline.sinkNames ?? [],
    events_created: running?.pipeline.counters.created ?? 0,
    events_sampled_out: running?.pipeline.counters.sampledOut ?? 0,
    truncations: running?.redactionStats() ?? {},
    config_problems: running?.resolved.problems.map((p) => p.message) ?? [],
    instrumentations: running?.patchReport() ?? [],
  };
}
