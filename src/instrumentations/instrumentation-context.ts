import { trace, type TracerProvider } from '@opentelemetry/api';
import type { Config } from '../config/config';

/** What every instrumentation builder may know: the config and how to recognise our own traffic. */
export interface InstrumentationContext {
  config: Readonly<Config>;
  /** True for requests to our own endpoint: delivery must never observe itself. */
  isOwnTraffic(host: string | undefined, port: number | string | undefined): boolean;
  /** True for incoming paths the user asked us to ignore (health checks). */
  isIgnoredPath(path: string): boolean;
  /**
   * Called when a job finishes: worker processes often exit right after their last job,
   * so its events are sent at once rather than at the next flush interval.
   */
  afterJob(): void;
  /** The provider our own instrumentations make spans with (ours, or the SDK's registered first). */
  tracerProvider(): TracerProvider;
}

export function createInstrumentationContext(
  config: Readonly<Config>,
  afterJob: () => void = () => undefined,
  tracerProvider: () => TracerProvider = () => trace.getTracerProvider(),
): InstrumentationContext {
  const endpoint = new URL(config.endpoint);
  const ownHost = endpoint.hostname.replace(/^\[|\]$/g, '');
  const ownPort = endpoint.port || (endpoint.protocol === 'https:' ? '443' : '80');
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const p of config.ignorePaths) {
    if (p.endsWith('*')) prefixes.push(p.slice(0, -1));
    else exact.add(p);
  }
  return {
    config,
    afterJob,
    tracerProvider,
    isOwnTraffic(host, port) {
      return host !== undefined && host.replace(/^\[|\]$/g, '') === ownHost && String(port ?? '80') === ownPort;
    },
    isIgnoredPath(path) {
      const q = path.indexOf('?');
      const bare = q === -1 ? path : path.slice(0, q);
      if (exact.has(bare)) return true;
      for (const prefix of prefixes) if (bare.startsWith(prefix)) return true;
      return false;
    },
  };
}
