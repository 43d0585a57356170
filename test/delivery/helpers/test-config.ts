import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../../src/config/config.js';
import { resolveConfig } from '../../../src/config/resolve-config.js';

/** A config for tests: small intervals, a fresh spool directory, nothing read from the real env. */
export function testConfig(options: Partial<Config>): Readonly<Config> {
  const spoolDir = options.spoolDir ?? mkdtempSync(join(tmpdir(), 'ezlogs-spool-test-'));
  const resolved = resolveConfig({
    options: { serviceName: 'shop', batchSize: 50, flushIntervalMs: 20, timeoutMs: 1_000, retryAttempts: 5, circuitThreshold: 5,
      circuitTimeoutMs: 200, shutdownTimeoutMs: 1_000, ...options, spoolDir },
    env: {},
    appPackage: { name: 'shop' },
  });
  if (resolved.problems.length > 0) throw new Error(resolved.problems.map((p) => p.message).join('; '));
  return resolved.config;
}
