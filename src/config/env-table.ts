import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from './config';
import { detectorNames, exporterNames, instrumentationNames } from './config';
import * as p from './parsers';
import { parseCustomRules } from '../redaction/custom-rules';

/** What a default may depend on: values resolved before it, and the process's surroundings. */
export interface DefaultContext {
  env: Readonly<Record<string, string | undefined>>;
  appPackage: { name?: string; version?: string };
  resolved: Partial<Config>;
}

export interface OptionSpec<K extends keyof Config = keyof Config> {
  key: K;
  env: string;
  /** Other env vars read when `env` is unset, in order (standard OpenTelemetry names). */
  fallbackEnv?: readonly string[];
  parse: p.Parser<Config[K]>;
  default: (ctx: DefaultContext) => Config[K];
  /** Shown as the default in the README and by `ezlogs doctor`. */
  defaultDoc: string;
  doc: string;
  secret?: boolean;
}

function option<K extends keyof Config>(spec: OptionSpec<K>): OptionSpec<K> {
  return spec;
}

const defaultIgnorePaths = ['/health', '/healthz', '/ready', '/readyz', '/live', '/livez'];

/**
 * The single declarative table of options: the resolver, `ezlogs doctor` and the
 * README's env table test all read it. Order matters where a default reads an earlier value.
 */
export const envTable = [
  option({ key: 'disabled', env: 'EZLOGS_DISABLED', fallbackEnv: ['OTEL_SDK_DISABLED'], parse: p.boolean(), default: () => false, defaultDoc: 'off', doc: '`true`: load nothing, patch nothing' }),
  option({ key: 'endpoint', env: 'EZLOGS_ENDPOINT', parse: p.httpUrl(), default: () => 'http://127.0.0.1:4800/events', defaultDoc: '`http://127.0.0.1:4800/events`', doc: 'full URL the event batches are POSTed to' }),
  option({ key: 'apiKey', env: 'EZLOGS_API_KEY', parse: p.optionalString(), default: () => undefined, defaultDoc: 'none', doc: 'sent as `X-API-Key`; never printed, logged or spooled', secret: true }),
  option({
    key: 'serviceName', env: 'EZLOGS_SERVICE_NAME', fallbackEnv: ['OTEL_SERVICE_NAME'], parse: p.nonEmptyString(),
    default: (ctx) => ctx.appPackage.name ?? 'node-app', defaultDoc: '`OTEL_SERVICE_NAME`, else package.json `name`, else `node-app`', doc: '`platform.service`',
  }),
  option({
    key: 'serviceVersion', env: 'EZLOGS_SERVICE_VERSION', parse: p.optionalString(),
    default: (ctx) => resourceAttribute(ctx.env.OTEL_RESOURCE_ATTRIBUTES, 'service.version') ?? ctx.appPackage.version,
    defaultDoc: '`service.version` of `OTEL_RESOURCE_ATTRIBUTES`, else package.json `version`', doc: '`platform.version`',
  }),
  option({ key: 'environment', env: 'EZLOGS_ENVIRONMENT', fallbackEnv: ['NODE_ENV'], parse: p.nonEmptyString(), default: () => 'development', defaultDoc: '`NODE_ENV`, else `development`', doc: '`platform.environment`' }),
  option({ key: 'exporters', env: 'EZLOGS_EXPORTER', parse: p.listOf(exporterNames), default: () => ['ezlogs'], defaultDoc: '`ezlogs`', doc: 'comma list of `ezlogs`, `otlp`, `console`, `none`' }),
  option({ key: 'format', env: 'EZLOGS_FORMAT', parse: p.oneOf(['events', 'log-ingestion'] as const), default: () => 'events' as const, defaultDoc: '`events`', doc: '`events` or `log-ingestion` (`POST /api/v1/logs/batch`)' }),
  option({ key: 'sampleRate', env: 'EZLOGS_SAMPLE_RATE', parse: p.fraction(), default: () => 1, defaultDoc: '`1`', doc: '0..1, consistent per trace; error events always kept' }),
  option({ key: 'batchSize', env: 'EZLOGS_BATCH_SIZE', parse: p.integer(1, 10_000), default: () => 500, defaultDoc: '`500`', doc: 'max events per request' }),
  option({ key: 'flushIntervalMs', env: 'EZLOGS_FLUSH_INTERVAL_MS', parse: p.integer(10, 600_000), default: () => 2000, defaultDoc: '`2000`', doc: 'max time an event waits in the buffer' }),
  option({ key: 'bufferSize', env: 'EZLOGS_BUFFER_SIZE', parse: p.integer(1, 10_000_000), default: () => 10_000, defaultDoc: '`10000`', doc: 'max events held in memory; overflow goes to the spool' }),
  option({ key: 'compression', env: 'EZLOGS_COMPRESSION', parse: p.oneOf(['gzip', 'none'] as const), default: () => 'gzip' as const, defaultDoc: '`gzip`', doc: '`gzip` or `none`' }),
  option({ key: 'compressionThreshold', env: 'EZLOGS_COMPRESSION_THRESHOLD', parse: p.integer(0, 100 * 1024 * 1024), default: () => 1024, defaultDoc: '`1024`', doc: 'bodies above this many bytes are gzipped' }),
  option({ key: 'timeoutMs', env: 'EZLOGS_TIMEOUT_MS', parse: p.integer(100, 600_000), default: () => 10_000, defaultDoc: '`10000`', doc: "one request's deadline" }),
  option({ key: 'maxConnections', env: 'EZLOGS_MAX_CONNECTIONS', parse: p.integer(1, 256), default: () => 4, defaultDoc: '`4`', doc: 'pooled keep-alive connections to the endpoint' }),
  option({ key: 'retryAttempts', env: 'EZLOGS_RETRY_ATTEMPTS', parse: p.integer(0, 100), default: () => 5, defaultDoc: '`5`', doc: 'retries of a failed batch before it goes to the spool' }),
  option({ key: 'circuitThreshold', env: 'EZLOGS_CIRCUIT_THRESHOLD', parse: p.integer(1, 10_000), default: () => 5, defaultDoc: '`5`', doc: 'consecutive failures that open the breaker' }),
  option({ key: 'circuitTimeoutMs', env: 'EZLOGS_CIRCUIT_TIMEOUT_MS', parse: p.integer(100, 3_600_000), default: () => 30_000, defaultDoc: '`30000`', doc: 'time before a half-open probe' }),
  option({
    key: 'spoolDir', env: 'EZLOGS_SPOOL_DIR', parse: p.nonEmptyString(),
    default: (ctx) => join(tmpdir(), 'ezlogs', safeDirName(ctx.resolved.serviceName ?? 'node-app')),
    defaultDoc: '`<os tmpdir>/ezlogs/<service>`', doc: 'file fallback directory',
  }),
  option({ key: 'spoolMaxBytes', env: 'EZLOGS_SPOOL_MAX_BYTES', parse: p.integer(0, Number.MAX_SAFE_INTEGER), default: () => 104_857_600, defaultDoc: '`104857600`', doc: 'spool cap; past it the oldest spooled batches are dropped and counted' }),
  option({ key: 'redactKeys', env: 'EZLOGS_REDACT_KEYS', parse: p.list(), default: () => [], defaultDoc: 'built-in list', doc: 'extra key names to redact (comma list, case-insensitive, substring match)' }),
  option({
    key: 'redactPatterns', env: 'EZLOGS_REDACT_PATTERNS', parse: p.listOf([...detectorNames, 'none'] as const),
    default: () => [...detectorNames], defaultDoc: 'built-in detectors', doc: `\`none\` or a comma list of ${detectorNames.map((d) => `\`${d}\``).join(', ')}`,
  }),
  option({
    key: 'redactRules', env: 'EZLOGS_REDACT_RULES', parse: p.custom((raw) => { const r = parseCustomRules(raw); return { value: r.rules, ...(r.problem ? { problem: r.problem } : {}) }; }, 'name=regex entries separated by newlines or " ;; "'),
    default: () => [], defaultDoc: 'none', doc: 'your own value rules, `name=regex` (masked as `[REDACTED]`)',
  }),
  option({ key: 'redactDisable', env: 'EZLOGS_REDACT_DISABLE', parse: p.listOf(detectorNames), default: () => [], defaultDoc: 'none', doc: 'built-in detectors to turn off, keeping the rest' }),
  option({ key: 'maskActorEmail', env: 'EZLOGS_MASK_ACTOR_EMAIL', parse: p.boolean(), default: () => true, defaultDoc: '`true`', doc: '`actor.email`/`subject.email` masked as `[EMAIL]`' }),
  option({ key: 'maxStringLength', env: 'EZLOGS_MAX_STRING_LENGTH', parse: p.integer(64, 1024 * 1024), default: () => 2048, defaultDoc: '`2048`', doc: 'longer strings are cut and end in `...[truncated]`' }),
  option({ key: 'maxEventBytes', env: 'EZLOGS_MAX_EVENT_BYTES', parse: p.integer(512, 1024 * 1024), default: () => 8192, defaultDoc: '`8192`', doc: "one serialized event's cap; larger fields are truncated and marked" }),
  option({
    key: 'instrumentations', env: 'EZLOGS_INSTRUMENTATIONS', parse: p.listOf(instrumentationNames), default: () => [...instrumentationNames],
    defaultDoc: 'all', doc: `comma list to enable (${instrumentationNames.map((n) => `\`${n}\``).join(', ')})`,
  }),
  option({ key: 'ignorePaths', env: 'EZLOGS_IGNORE_PATHS', parse: p.list(), default: () => defaultIgnorePaths, defaultDoc: `\`${defaultIgnorePaths.join(',')}\``, doc: 'incoming request paths that produce no events (`*` suffix = prefix match; empty = none)' }),
  option({ key: 'shutdownTimeoutMs', env: 'EZLOGS_SHUTDOWN_TIMEOUT_MS', parse: p.integer(0, 120_000), default: () => 5000, defaultDoc: '`5000`', doc: 'how long shutdown may spend delivering before it spools the rest' }),
  option({ key: 'parentContext', env: 'EZLOGS_PARENT_CONTEXT', parse: p.optionalString(), default: () => undefined, defaultDoc: 'none', doc: 'set for you by `forkContext()`: the parent context a forked script continues' }),
  option({ key: 'debug', env: 'EZLOGS_DEBUG', parse: p.boolean(), default: () => false, defaultDoc: 'off', doc: '`1`: print each event and each delivery decision to stderr' }),
] as const satisfies readonly OptionSpec[];

function resourceAttribute(raw: string | undefined, name: string): string | undefined {
  if (!raw) return undefined;
  for (const pair of raw.split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(pair.slice(eq + 1).trim()) || undefined;
      } catch {
        return pair.slice(eq + 1).trim() || undefined;
      }
    }
  }
  return undefined;
}

/** Service names such as `@acme/shop` become one safe path segment. */
function safeDirName(name: string): string {
  return name.replace(/[^a-zA-Z0-9._-]+/g, '_').slice(0, 100) || 'node-app';
}
