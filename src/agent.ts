import { trace, type TracerProvider } from '@opentelemetry/api';
import { logs, type Logger, type LoggerProvider } from '@opentelemetry/api-logs';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import type * as SdkLogs from '@opentelemetry/sdk-logs';
import { agentState, runningAgent, type RunningAgent } from './agent-state';
import { instrumentedByOtherSdks, joinTracing } from './coexistence/join-tracing';
import type { Config } from './config/config';
import type { ResolvedConfig } from './config/resolve-config';
import { reportStartFailure, resolveAndReport } from './config/report-config';
import { diag } from './diag';
import { EventLogProcessor } from './events/event-log-processor';
import { EventPipeline } from './events/event-pipeline';
import { LazyLoggerProvider } from './events/lazy-logger-provider';
import { EventSpanProcessor } from './events/event-span-processor';
import { buildPlatform } from './events/platform';
import { createTraceSampler } from './events/sampler';
import { createSinks } from './exporters/create-sinks';
import { createInstrumentationContext } from './instrumentations/instrumentation-context';
import { hookedPackages, packagesLoadedBefore, patchReport } from './instrumentations/patch-report';
import { buildInstrumentations } from './instrumentations/registry';
import { writeAgentStatus, type AgentStatus } from './lifecycle/agent-status';
import { installProcessHooks } from './lifecycle/process-hooks';
import { createRedactor } from './redaction/redactor';
import { AgentTracerProvider } from './tracing/agent-tracer-provider';

/**
 * What the register entry of an ES module app does (a CommonJS app's loads the agent on first
 * use, see register/first-use.ts); idempotent: a second call returns the first call's promise,
 * loading first an agent that was waiting for its first use.
 */
export function start(options?: Partial<Config>): Promise<void> {
  const state = agentState();
  if (state.starting) {
    runningAgent();
    return state.starting;
  }
  state.starting = Promise.resolve();
  // Synchronous on purpose: under `--require` the app's first `require('pg')` runs right after
  // this preload, before any microtask, and must already find the instrumentations enabled.
  const resolved = resolveAndReport(options);
  if (resolved) startResolved(resolved);
  return state.starting;
}

/** Starts the agent with a configuration already resolved and reported. Never throws. */
export function startResolved(resolved: ResolvedConfig): void {
  try {
    startNow(resolved);
  } catch (err) {
    reportStartFailure(err);
  }
}

function startNow(resolved: ResolvedConfig): void {
  const state = agentState();
  const config = resolved.config;
  const platform = buildPlatform(config);
  const redactor = createRedactor({
    extraKeys: config.redactKeys,
    patterns: config.redactPatterns,
    disabledDetectors: config.redactDisable,
    customRules: config.redactRules,
    maskActorEmail: config.maskActorEmail,
    maxEventBytes: config.maxEventBytes,
    limits: { maxStringLength: config.maxStringLength },
  });
  const pipeline = new EventPipeline(redactor, createTraceSampler(config.sampleRate));
  const { sinks, delivery } = createSinks(config);
  for (const sink of sinks) pipeline.addSink(sink);

  // Known only after joinTracing, which needs the processor that needs this context.
  const spanProvider: { current?: TracerProvider } = {};
  const instrumentationContext = createInstrumentationContext(config, flushSoon, () => spanProvider.current ?? trace.getTracerProvider());
  const processor = new EventSpanProcessor(pipeline, platform, (url) => redactor.sanitizeUrl(url), instrumentationContext.isIgnoredPath);
  const ownProvider = new AgentTracerProvider({ spanProcessors: [processor], serviceName: config.serviceName });
  // Filled below, once the instrumentations exist: a later SDK brings its own for what we share.
  let yieldSharedInstrumentations = (): void => undefined;
  const coexistence = joinTracing(ownProvider, processor, config.parentContext, () => yieldSharedInstrumentations());
  spanProvider.current = coexistence.provider;
  const names = coexistence.sharedWithOtherSdk ? config.instrumentations.filter((n) => !instrumentedByOtherSdks.has(n)) : config.instrumentations;

  const built = buildInstrumentations(names, instrumentationContext);
  const loadedBefore = packagesLoadedBefore(hookedPackages(built), Object.keys(require.cache));
  for (const name of loadedBefore) {
    diag.warn(`${name} was loaded before @ezlogs/node started, so its events may be missing or incomplete; load the agent first: node --import @ezlogs/node/register app.js`);
  }
  const otel = built.flatMap((b) => (b.kind === 'otel' ? [b.instrumentation] : []));
  const own = built.flatMap((b) => (b.kind === 'own' ? [b.instrumentation] : []));
  const unregister = registerInstrumentations({ tracerProvider: coexistence.provider, instrumentations: otel });
  for (const instrumentation of own) instrumentation.enable();
  yieldSharedInstrumentations = () => {
    // Our http instrumentation reads node's channels, so it would not replace theirs (nor they
    // ours) the way two patches of one function do: step aside, or every request counts twice.
    for (const b of built) if (b.kind === 'own' && instrumentedByOtherSdks.has(b.name)) b.instrumentation.disable();
  };

  let loggerProvider: LoggerProvider | undefined;
  const realLoggerProvider = (): LoggerProvider => (loggerProvider ??= createLoggerProvider(pipeline, platform));
  let logger: Logger | undefined;
  if (config.instrumentations.includes('pino') || config.instrumentations.includes('winston')) {
    if (!logs.setGlobalLoggerProvider(new LazyLoggerProvider(realLoggerProvider))) {
      diag.warn('another OpenTelemetry logger provider is already registered; pino/winston lines go to it, not to ezlogs');
    }
  }
  const running: RunningAgent = {
    resolved,
    pipeline,
    platform,
    tracerProvider: coexistence.provider,
    ownTracerProvider: ownProvider,
    logger: () => (logger ??= realLoggerProvider().getLogger('@ezlogs/node')),
    disableInstrumentations: () => {
      unregister();
      for (const instrumentation of own) instrumentation.disable();
    },
    delivery,
    patchReport: () => patchReport(built, loadedBefore),
    stopWatching: coexistence.stopWatching,
    redactionStats: () => redactor.stats(),
  };
  state.running = running;

  const startedAt = new Date().toISOString();
  const status = (): AgentStatus => ({ pid: process.pid, service: config.serviceName, node: process.versions.node, started_at: startedAt, updated_at: new Date().toISOString(), instrumentations: running.patchReport() });
  writeAgentStatus(config.spoolDir, status());
  installProcessHooks({
    flush,
    shutdown,
    exitSync: () => {
      for (const sink of pipeline.allSinks()) sink.exitSync?.();
      writeAgentStatus(config.spoolDir, status());
      if (config.debug) {
        const report = running.patchReport().map((r) => `${r.module}: ${r.state}${r.version ? ` ${r.version}` : ''}`).join(', ');
        diag.debug(`instrumented packages at exit: ${report || 'none hooked'}`);
      }
    },
    eventsCreated: () => pipeline.counters.created,
  });
  diag.debug(`started: service=${config.serviceName} exporters=${config.exporters.join(',')} instrumentations=${built.map((b) => b.name).join(',')}`);
}

function createLoggerProvider(pipeline: EventPipeline, platform: RunningAgent['platform']): LoggerProvider {
  const { LoggerProvider: SdkLoggerProvider } = require('@opentelemetry/sdk-logs') as typeof SdkLogs;
  return new SdkLoggerProvider({ processors: [new EventLogProcessor(pipeline, platform)] });
}

let flushScheduled = false;

/** One flush after the current burst of work (e.g. the jobs finishing in this tick), never one per job. */
function flushSoon(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(() => {
    flushScheduled = false;
    void flush();
  }).unref();
}

/** Delivers what is buffered now. Never rejects. */
export async function flush(): Promise<void> {
  const running = agentState().running;
  if (!running) return;
  await Promise.all(running.pipeline.allSinks().map((s) => s.flush().catch(() => undefined)));
}

/** Flushes within the deadline, spools the rest, stops producing events. Idempotent; never rejects. */
export function shutdown(): Promise<void> {
  const state = agentState();
  const running = state.running;
  if (!running) return Promise.resolve();
  state.shutdown ??= (async () => {
    running.disableInstrumentations();
    running.stopWatching();
    await running.ownTracerProvider.shutdown().catch(() => undefined);
    await Promise.all(running.pipeline.allSinks().map((s) => s.shutdown().catch(() => undefined)));
  })();
  return state.shutdown;
}
