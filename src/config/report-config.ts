import { agentState } from '../agent-state';
import { diag, setDiagLevel } from '../diag';
import type { Config } from './config';
import { resolveConfig, type ResolvedConfig } from './resolve-config';

/**
 * The first step of every start, eager or on first use: resolve the options, say at once what
 * is wrong with them (one line each), and stop there when the agent is disabled. Loads no
 * OpenTelemetry code. Never throws; undefined means "do not start".
 */
export function resolveAndReport(options?: Partial<Config>): ResolvedConfig | undefined {
  try {
    const resolved = resolveConfig(options ? { options } : {});
    if (resolved.config.debug) setDiagLevel('debug');
    for (const problem of resolved.problems) diag.warn(problem.message);
    if (resolved.config.disabled) {
      agentState().disabled = true;
      diag.debug('disabled: nothing loaded, nothing patched');
      return undefined;
    }
    return resolved;
  } catch (err) {
    reportStartFailure(err);
    return undefined;
  }
}

/** A failure to start never takes the app down: it runs uninstrumented, and says why once. */
export function reportStartFailure(err: unknown): void {
  diag.error(`could not start, running without telemetry: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
}
