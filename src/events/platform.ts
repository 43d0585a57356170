import { hostname } from 'node:os';
import type { Config } from '../config/config';
import { SDK_NAME, SDK_VERSION } from '../version';
import type { Platform } from './universal-event';

/** Built once per process and shared by every event: it never changes while the app runs. */
export function buildPlatform(config: Readonly<Config>): Readonly<Platform> {
  return Object.freeze({
    service: config.serviceName,
    environment: config.environment,
    ...(config.serviceVersion ? { version: config.serviceVersion } : {}),
    host: safeHostname(),
    sdk: `${SDK_NAME}/${SDK_VERSION}`,
    runtime: `node/${process.versions.node}`,
  });
}

function safeHostname(): string {
  try {
    return hostname();
  } catch {
    return 'unknown';
  }
}
