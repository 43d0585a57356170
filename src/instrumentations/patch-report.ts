import { builtinModules } from 'node:module';
import { sep } from 'node:path';
import type { InstrumentationBase, InstrumentationModuleDefinition } from '@opentelemetry/instrumentation';
import type { BuiltInstrumentation } from './registry';

export type PatchState = 'patched' | 'not loaded' | 'loaded before agent';

export interface PatchStatus {
  instrumentation: string;
  module: string;
  state: PatchState;
  version?: string;
}

const builtins = new Set(builtinModules);

/**
 * The definitions an instrumentation really hooks. `getModuleDefinitions()` builds fresh ones
 * on every call (it re-runs `init()`), so only the instance's own list shows what was patched.
 */
function liveDefinitions(instrumentation: InstrumentationBase): InstrumentationModuleDefinition[] {
  const own = (instrumentation as unknown as { _modules?: InstrumentationModuleDefinition[] })._modules;
  return Array.isArray(own) ? own : instrumentation.getModuleDefinitions();
}

/** The packages each instrumentation hooks (builtins excluded: they are patched in place, whenever loaded). */
export function hookedPackages(built: readonly BuiltInstrumentation[]): Array<{ instrumentation: string; module: string }> {
  const out: Array<{ instrumentation: string; module: string }> = [];
  for (const b of built) {
    const names = b.kind === 'otel' ? liveDefinitions(b.instrumentation).map((d) => d.name) : b.name === 'fastify' ? ['fastify'] : [];
    for (const name of new Set(names)) if (!builtins.has(name) && !name.startsWith('node:')) out.push({ instrumentation: b.name, module: name });
  }
  return out;
}

/**
 * Packages already in the CommonJS module cache when the agent starts: a module loaded
 * before its instrumentation is enabled can miss its patches, silently. Read once at start.
 */
export function packagesLoadedBefore(packages: ReadonlyArray<{ module: string }>, cacheKeys: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const { module } of packages) {
    const marker = `${sep}node_modules${sep}${module.split('/').join(sep)}${sep}`;
    if (cacheKeys.some((key) => key.includes(marker))) found.add(module);
  }
  return found;
}

/** What was patched, what was never loaded, and what came too early. */
export function patchReport(built: readonly BuiltInstrumentation[], loadedBefore: ReadonlySet<string>): PatchStatus[] {
  const report: PatchStatus[] = [];
  for (const b of built) {
    if (b.kind !== 'otel') continue;
    for (const definition of liveDefinitions(b.instrumentation)) {
      if (builtins.has(definition.name)) continue;
      const state: PatchState = loadedBefore.has(definition.name) ? 'loaded before agent' : definition.moduleExports ? 'patched' : 'not loaded';
      if (report.some((r) => r.instrumentation === b.name && r.module === definition.name && r.state === state)) continue;
      report.push({
        instrumentation: b.name,
        module: definition.name,
        state,
        ...(definition.moduleVersion ? { version: definition.moduleVersion } : {}),
      });
    }
  }
  return report;
}
