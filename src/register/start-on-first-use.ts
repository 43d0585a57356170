import { agentState } from '../agent-state';
import { resolveAndReport } from '../config/report-config';
import { packageOf } from '../instrumentations/installed-packages';
import { sandboxLibraryOf } from '../instrumentations/sandbox-scripts';
import { loadOnFirstUse } from './first-use';

/**
 * Packages whose first `require` loads the agent whatever is enabled: an app (or another SDK)
 * using the OpenTelemetry API directly must find our provider and context manager in place.
 */
const alwaysWatched = ['@opentelemetry/api', '@opentelemetry/api-logs'];

/**
 * What the register entry of a CommonJS app does: the configuration is resolved and its
 * problems are printed now, the rest of the agent loads on first use (first-use.ts). Loads
 * no OpenTelemetry code itself.
 */
export function startOnFirstUse(): void {
  const state = agentState();
  if (state.starting) return;
  state.starting = Promise.resolve();
  const resolved = resolveAndReport();
  if (!resolved) return;
  const load = (): void => (require('../agent') as typeof import('../agent')).startResolved(resolved);
  // A sandboxed job processor is forked to run the job it is sent at once: nothing to defer.
  if (sandboxLibraryOf(process.argv[1])) {
    load();
    return;
  }
  const packages = new Set(alwaysWatched);
  for (const name of resolved.config.instrumentations) {
    const pkg = packageOf[name];
    if (pkg) packages.add(pkg);
  }
  // pg's Pool lives in pg-pool, which an app may also require on its own.
  if (packages.has('pg')) packages.add('pg-pool');
  state.loadPending = loadOnFirstUse({ load, packages });
}
