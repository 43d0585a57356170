import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nodeBinary, repoRoot } from '../helpers/spawn-app.js';

/** Builds the sinks for an EZLOGS_EXPORTER value in a fresh process and reports what got loaded. */
function sinksFor(exporter: string): { names: string[]; otlpLoaded: boolean } {
  const script = `
    const { resolveConfig } = require('./dist/config/resolve-config.js');
    const { createSinks } = require('./dist/exporters/create-sinks.js');
    const { config } = resolveConfig({ env: { EZLOGS_EXPORTER: process.argv[1], EZLOGS_SPOOL_DIR: require('node:os').tmpdir() + '/ezlogs-create-sinks' } });
    const { sinks } = createSinks(config);
    const otlpLoaded = Object.keys(require.cache).some((k) => k.includes('exporter-logs-otlp-http'));
    process.stdout.write(JSON.stringify({ names: sinks.map((s) => s.name), otlpLoaded }));
    Promise.all(sinks.map((s) => s.shutdown())).then(() => process.exit(0));
  `;
  const result = spawnSync(nodeBinary, ['-e', script, exporter], { cwd: repoRoot, encoding: 'utf8', timeout: 20_000 });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { names: string[]; otlpLoaded: boolean };
}

describe('EZLOGS_EXPORTER and the otlp sink', () => {
  it('builds the otlp sink, loading the OTLP exporter, for EZLOGS_EXPORTER=otlp', () => {
    expect(sinksFor('otlp')).toEqual({ names: ['otlp'], otlpLoaded: true });
  });

  it('runs ezlogs and otlp side by side for EZLOGS_EXPORTER=ezlogs,otlp', () => {
    expect(sinksFor('ezlogs,otlp')).toEqual({ names: ['ezlogs', 'otlp'], otlpLoaded: true });
  });

  it('never loads the OTLP exporter for an app that does not use it', () => {
    expect(sinksFor('ezlogs')).toEqual({ names: ['ezlogs'], otlpLoaded: false });
  });
});
