import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config';
import { envTable, type DefaultContext, type OptionSpec } from './env-table';

export type OptionSource = 'option' | 'env' | 'default';

export interface ConfigProblem {
  key: keyof Config;
  /** Where the bad value came from: the env var's name or `start({ key })`. */
  origin: string;
  /** The bad value, already masked when the option is a secret. */
  value: string;
  accepted: string;
  message: string;
}

export interface ResolvedConfig {
  config: Readonly<Config>;
  sources: Readonly<Record<keyof Config, OptionSource>>;
  problems: readonly ConfigProblem[];
}

export interface ResolveInput {
  options?: Partial<Config>;
  env?: Readonly<Record<string, string | undefined>>;
  appPackage?: { name?: string; version?: string };
}

/**
 * The only place that reads `process.env`. Explicit options win over env, env over defaults.
 * A bad value never throws: it becomes a problem (one clear line) and the default is used.
 */
export function resolveConfig(input: ResolveInput = {}): ResolvedConfig {
  const env = input.env ?? process.env;
  const options = input.options ?? {};
  const ctx: DefaultContext = { env, appPackage: input.appPackage ?? readAppPackage(), resolved: {} };
  const resolved: Record<string, unknown> = ctx.resolved;
  const sources: Partial<Record<keyof Config, OptionSource>> = {};
  const problems: ConfigProblem[] = [];

  for (const spec of envTable as readonly OptionSpec[]) {
    const fromOption = Object.prototype.hasOwnProperty.call(options, spec.key) ? options[spec.key] : undefined;
    const envName = [spec.env, ...(spec.fallbackEnv ?? [])].find((name) => env[name] !== undefined);
    let value: unknown;
    let source: OptionSource = 'default';
    if (fromOption !== undefined) {
      value = take(spec, fromOption, `start({ ${spec.key} })`, problems);
      source = value === undefined ? 'default' : 'option';
    } else if (envName !== undefined) {
      value = take(spec, env[envName], envName, problems);
      source = value === undefined ? 'default' : 'env';
    }
    if (source === 'default') value = spec.default(ctx);
    resolved[spec.key] = value;
    sources[spec.key] = source;
  }

  applyOtelInstrumentationSwitches(resolved as unknown as Config, env, sources);

  return {
    config: Object.freeze(resolved as unknown as Config),
    sources: Object.freeze(sources as Record<keyof Config, OptionSource>),
    problems: Object.freeze(problems),
  };
}

/**
 * The switches vanilla OpenTelemetry users already have work here too, on top of
 * EZLOGS_INSTRUMENTATIONS: `OTEL_NODE_ENABLED_INSTRUMENTATIONS` keeps only the names it lists,
 * `OTEL_NODE_DISABLED_INSTRUMENTATIONS` removes names. Names may carry the package prefix
 * (`@opentelemetry/instrumentation-pg`); names we do not instrument are ignored.
 */
function applyOtelInstrumentationSwitches(config: Config, env: Readonly<Record<string, string | undefined>>, sources: Partial<Record<keyof Config, OptionSource>>): void {
  const names = (raw: string | undefined): Set<string> | undefined =>
    raw === undefined ? undefined : new Set(raw.split(',').map((n) => n.trim().toLowerCase().replace(/^@opentelemetry\/instrumentation-/, '')).filter((n) => n !== ''));
  const enabled = names(env.OTEL_NODE_ENABLED_INSTRUMENTATIONS);
  const disabled = names(env.OTEL_NODE_DISABLED_INSTRUMENTATIONS);
  if (!enabled && !disabled) return;
  config.instrumentations = Object.freeze(config.instrumentations.filter((n) => (!enabled || enabled.has(n)) && !disabled?.has(n)));
  sources.instrumentations = 'env';
}

function take(spec: OptionSpec, raw: unknown, origin: string, problems: ConfigProblem[]): unknown {
  const result = spec.parse(raw);
  if (result.ok) return result.value;
  const shown = spec.secret ? '<redacted>' : describe(raw);
  problems.push({
    key: spec.key,
    origin,
    value: shown,
    accepted: result.failure.accepted,
    message: `${origin}=${shown} is invalid: expected ${result.failure.accepted}; using the default (${spec.defaultDoc.replace(/`/g, '')})`,
  });
  return undefined;
}

function describe(raw: unknown): string {
  // Credentials inside a URL (`https://user:pass@host`) are secrets even in a non-secret option.
  if (typeof raw === 'string') return JSON.stringify((raw.length > 80 ? `${raw.slice(0, 80)}...` : raw).replace(/\/\/[^/@\s]*@/g, '//***@'));
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}

/** The app's own package.json (in the working directory) names the service by default. */
function readAppPackage(): { name?: string; version?: string } {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));
    if (parsed && typeof parsed === 'object') {
      const { name, version } = parsed as Record<string, unknown>;
      return {
        ...(typeof name === 'string' && name !== '' ? { name } : {}),
        ...(typeof version === 'string' && version !== '' ? { version } : {}),
      };
    }
  } catch {
    // No package.json, or not JSON: the documented fallback applies.
  }
  return {};
}

/** The configuration as safe to print: secrets masked (an allowlist view for debug output and doctor). */
export function printableConfig(config: Readonly<Config>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of envTable as readonly OptionSpec[]) {
    const value = config[spec.key];
    out[spec.key] = spec.secret && value !== undefined ? '<set>' : value;
  }
  return out;
}
