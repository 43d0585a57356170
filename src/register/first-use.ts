import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { replayToLateSubscriber } from '../instrumentations/late-subscribers';

/**
 * The channels whose first message is the app's first instrumented work that no `require`
 * announces: node:http and fetch are built into node, so loading them is no sign of use.
 */
const firstUseChannels = ['http.server.request.start', 'http.client.request.start', 'undici:request:create'] as const;

/**
 * A long-running process loads the agent after this much time even if it has done nothing
 * instrumented yet: a server then has it ready before its first request instead of paying
 * for the load in that request, while a short CLI or test run that exits sooner pays nothing.
 */
export const PRELOAD_AFTER_MS = 1000;

export interface FirstUse {
  /** Loads the agent. Runs at most once; never throws. */
  load(): void;
  /** Package names whose first `require` loads the agent first, so it can instrument them. */
  packages: ReadonlySet<string>;
  /** An ES module app: its imports load the agent too (armEsmTrigger). */
  esm?: boolean;
  preloadAfterMs?: number;
}

interface RequireHost {
  prototype: { require: (this: unknown, id: string) => unknown };
}

/**
 * Installs the triggers and returns the function that loads the agent now (idempotent), for
 * whoever needs it before any trigger fires (the API, `start()`).
 *
 * Start-up cost is what an agent adds to every CLI run, test run and dev-server restart, and
 * most of it is loading the OpenTelemetry SDK (issue 10). So a
 * CommonJS app's agent loads when it is first needed: the first require of an instrumented
 * package (or of the OpenTelemetry API), the first HTTP request in or out, the first fetch,
 * or after PRELOAD_AFTER_MS, whichever comes first. What triggers it is then instrumented
 * exactly as if the agent had loaded at start: the package is required again through the
 * instrumentation's hook, and the channel message is handed to the instrumentation that just
 * subscribed (late-subscribers.ts).
 */
export function loadOnFirstUse(firstUse: FirstUse): () => void {
  const host = require('node:module') as RequireHost;
  const originalRequire = host.prototype.require;
  let loaded = false;

  const loadNow = (): void => {
    if (loaded) return;
    loaded = true;
    for (const [name, stub] of stubs) unsubscribe(name, stub);
    clearTimeout(preload);
    // Put the original back before the instrumentations hook `require`, so their hook wraps
    // node's and ours leaves the chain; if something else wrapped ours since, ours stays as
    // a pass-through.
    if (host.prototype.require === requireOnFirstUse) host.prototype.require = originalRequire;
    firstUse.load();
  };

  const stubs = firstUseChannels.map((name) => {
    const stub = (message: unknown): void => {
      if (loaded) return;
      loadNow();
      replayToLateSubscriber(name, message);
    };
    subscribe(name, stub);
    return [name, stub] as const;
  });

  function requireOnFirstUse(this: unknown, id: string): unknown {
    if (!loaded && typeof id === 'string' && firstUse.packages.has(packageNameOf(id))) {
      loadNow();
      // Again, from the top: through the hook the instrumentations have just installed.
      return host.prototype.require.call(this, id);
    }
    // eslint-disable-next-line prefer-rest-params -- `require` is called with one argument by node, but pass on whatever came
    return originalRequire.apply(this, arguments as unknown as [string]);
  }
  host.prototype.require = requireOnFirstUse;

  const preload = setTimeout(loadNow, firstUse.preloadAfterMs ?? PRELOAD_AFTER_MS);
  preload.unref();
  // An ES module app on a node without in-thread module hooks: nothing could load the agent
  // before its imports, so it loads now.
  if (firstUse.esm && !armEsmTrigger(firstUse.packages, () => loaded, loadNow)) loadNow();
  return loadNow;
}

interface ResolveContext {
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => unknown;
interface ModuleWithSyncHooks {
  registerHooks?: (hooks: { resolve: (specifier: string, context: ResolveContext, nextResolve: NextResolve) => unknown }) => unknown;
}

/**
 * An ES module app's imports never go through `require`: where node runs module hooks in this
 * thread (`module.registerHooks`), a resolve hook sees each import before the module loads, so
 * the agent can load first, exactly as for a `require`. Stays registered as a pass-through
 * once the agent is loaded (one function call per import resolved). False where node has no
 * such hooks.
 */
export function armEsmTrigger(packages: ReadonlySet<string>, isLoaded: () => boolean, loadNow: () => void): boolean {
  const { registerHooks } = require('node:module') as ModuleWithSyncHooks;
  if (typeof registerHooks !== 'function') return false;
  registerHooks({
    resolve: (specifier, context, nextResolve) => {
      if (!isLoaded() && packages.has(packageNameOf(specifier))) loadNow();
      return nextResolve(specifier, context);
    },
  });
  return true;
}

/** `pg` for `pg` and `pg/lib/client`, `@scope/name` for `@scope/name/sub`; relative and absolute paths give '' or a dot. */
export function packageNameOf(id: string): string {
  const first = id.indexOf('/');
  if (first === -1) return id;
  if (id.charCodeAt(0) !== 64 /* @ */) return id.slice(0, first);
  const second = id.indexOf('/', first + 1);
  return second === -1 ? id : id.slice(0, second);
}
