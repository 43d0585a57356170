import type { TracerProvider } from '@opentelemetry/api';
import type { Logger } from '@opentelemetry/api-logs';
import type { ResolvedConfig } from './config/resolve-config';
import type { EventPipeline } from './events/event-pipeline';
import type { Platform } from './events/universal-event';
import type { DeliveryHealth } from './health/health';
import type { PatchStatus } from './instrumentations/patch-report';
import type { AgentTracerProvider } from './tracing/agent-tracer-provider';

/** A sink that can report delivery health (the ezlogs delivery engine). */
export interface HealthSource {
  health(): DeliveryHealth;
}

export interface RunningAgent {
  resolved: ResolvedConfig;
  pipeline: EventPipeline;
  platform: Readonly<Platform>;
  /** Makes every span of ours: our provider, or the one of an SDK registered before us. */
  tracerProvider: TracerProvider;
  ownTracerProvider: AgentTracerProvider;
  stopWatching: () => void;
  /** Created on the first `track()`: the logs SDK is not loaded by apps that never track. */
  logger: () => Logger;
  disableInstrumentations: () => void;
  delivery: HealthSource | undefined;
  /** Which instrumented packages were patched, not loaded yet, or loaded before the agent. */
  patchReport: () => PatchStatus[];
  redactionStats: () => Record<string, number>;
}

export interface AgentState {
  starting: Promise<void> | undefined;
  running: RunningAgent | undefined;
  /**
   * Set by the register entry of a CommonJS app: the OpenTelemetry SDK and the rest of the
   * agent load on first use (see register/first-use.ts), and this loads them now.
   */
  loadPending: (() => void) | undefined;
  disabled: boolean;
  shutdown: Promise<void> | undefined;
}

/**
 * One agent per process, whichever copy of the package (ESM wrapper, CJS, two versions in
 * node_modules) is asked: the state lives on a global symbol, so a second start is a no-op.
 */
const key = Symbol.for('@ezlogs/node.agent-state');

export function agentState(): AgentState {
  const g = globalThis as { [key]?: AgentState };
  let state = g[key];
  if (!state) {
    state = { starting: undefined, running: undefined, loadPending: undefined, disabled: false, shutdown: undefined };
    g[key] = state;
  }
  return state;
}

/**
 * The running agent, loading it first if the register entry left it to load on first use:
 * every API call that needs the agent goes through here, so none of them sees "not started"
 * in an app whose agent simply has not been needed yet.
 */
export function runningAgent(): RunningAgent | undefined {
  const state = agentState();
  const load = state.loadPending;
  if (load && !state.running) {
    state.loadPending = undefined;
    load();
  }
  return state.running;
}
