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

/** A start waiting for its first use: the packages that trigger it, and the switch that arms it. */
export interface PendingStart {
  /** What the ESM loader hook must wrap: the instrumented packages and the OpenTelemetry API. */
  packages: ReadonlySet<string>;
  /** Installs the triggers; `esm` adds the one an ES module app's imports go through. */
  arm(options?: { esm?: boolean }): void;
  /** Loads the agent now instead (an ES module app on a node without in-thread module hooks). */
  startNow(): void;
}

/**
 * What the register entry does: the configuration is resolved and its problems are printed
 * now, the rest of the agent loads on first use (first-use.ts). Loads no OpenTelemetry code
 * itself. Undefined when there is nothing to wait for: disabled, already started, or started
 * at once (a sandboxed job processor).
 */
export function prepareStartOnFirstUse(): PendingStart | undefined {
  const state = agentState();
  if (state.starting) return undefined;
  state.starting = Promise.resolve();
  const resolved = resolveAndReport();
  if (!resolved) return undefined;
  const load = (): void => (require('../agent') as typeof import('../agent')).startResolved(resolved);
  // A sandboxed job processor is forked to run the job it is sent at once: nothing to defer.
  if (sandboxLibraryOf(process.argv[1])) {
    load();
    return undefined;
  }
  const packages = new Set(alwaysWatched);
  for (const name of resolved.config.instrumentations) {
    const pkg = packageOf[name];
    if (pkg) packages.add(pkg);
  }
  // pg's Pool lives in pg-pool, which an app may also require on its own.
  if (packages.has('pg')) packages.add('pg-pool');
  return {
    packages,
    arm: (options) => {
      state.loadPending = loadOnFirstUse({ load, packages, esm: options?.esm === true });
    },
    startNow: load,
  };
}

/** The CommonJS app's start: no loader hook, triggers armed at once. */
export function startOnFirstUse(): void {
  prepareStartOnFirstUse()?.arm();
}
