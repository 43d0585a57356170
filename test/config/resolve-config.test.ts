import { describe, expect, it } from 'vitest';
import { envTable } from '../../src/config/env-table.js';
import { printableConfig, resolveConfig } from '../../src/config/resolve-config.js';
import { isDisabledByEnv } from '../../src/config/disabled.js';

const pkg = { name: '@acme/shop', version: '1.4.0' };

describe('resolveConfig', () => {
  it('works with zero config, naming the service after package.json', () => {
    const { config, problems } = resolveConfig({ env: {}, appPackage: pkg });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ endpoint: 'http://127.0.0.1:4800/events', serviceName: '@acme/shop', serviceVersion: '1.4.0', environment: 'development', exporters: ['ezlogs'], batchSize: 500, sampleRate: 1 });
    expect(config.spoolDir).toMatch(/ezlogs\/_acme_shop$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('takes OTEL_SERVICE_NAME and NODE_ENV as fallbacks, and EZLOGS_* over them', () => {
    expect(resolveConfig({ env: { OTEL_SERVICE_NAME: 'otel-name', NODE_ENV: 'production' }, appPackage: pkg }).config).toMatchObject({ serviceName: 'otel-name', environment: 'production' });
    expect(resolveConfig({ env: { OTEL_SERVICE_NAME: 'otel-name', EZLOGS_SERVICE_NAME: 'ours' }, appPackage: pkg }).config.serviceName).toBe('ours');
  });

  it('reads service.version from OTEL_RESOURCE_ATTRIBUTES', () => {
    expect(resolveConfig({ env: { OTEL_RESOURCE_ATTRIBUTES: 'team=a,service.version=2.0.1' }, appPackage: pkg }).config.serviceVersion).toBe('2.0.1');
  });

  it('lets explicit start() options win over env and records the source', () => {
    const { config, sources } = resolveConfig({ env: { EZLOGS_BATCH_SIZE: '50' }, options: { batchSize: 7 }, appPackage: pkg });
    expect(config.batchSize).toBe(7);
    expect(sources.batchSize).toBe('option');
    expect(resolveConfig({ env: { EZLOGS_BATCH_SIZE: '50' }, appPackage: pkg }).sources.batchSize).toBe('env');
  });

  it.each([
    ['EZLOGS_BATCH_SIZE', '0', 'an integer from 1 to 10000'],
    ['EZLOGS_SAMPLE_RATE', '-0.1', 'a number from 0 to 1'],
    ['EZLOGS_EXPORTER', 'ezlogs,kafka', 'a comma list of ezlogs, otlp, console, none (got unknown kafka)'],
    ['EZLOGS_COMPRESSION', 'brotli', 'one of gzip, none'],
    ['EZLOGS_DEBUG', 'maybe', 'true/false (also 1/0, yes/no, on/off)'],
    ['EZLOGS_INSTRUMENTATIONS', 'http,mongo', 'got unknown mongo'],
  ])('reports %s=%s naming what is accepted, and uses the default', (name, value, accepted) => {
    const { config, problems } = resolveConfig({ env: { [name]: value }, appPackage: pkg });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.origin).toBe(name);
    expect(problems[0]?.message).toContain(`${name}=${JSON.stringify(value)} is invalid`);
    expect(problems[0]?.accepted).toContain(accepted);
    const spec = envTable.find((s) => s.env === name);
    expect(config[spec!.key]).toEqual(spec!.default({ env: {}, appPackage: pkg, resolved: config }));
  });

  it('reports a bad start() option by its option name', () => {
    const { problems } = resolveConfig({ env: {}, options: { maxConnections: 1000 }, appPackage: pkg });
    expect(problems[0]?.message).toBe('start({ maxConnections })=1000 is invalid: expected an integer from 1 to 256; using the default (4)');
  });

  it('never shows the API key, in problems or in the printable view', () => {
    const { config } = resolveConfig({ env: { EZLOGS_API_KEY: 'sk_live_abcdef' }, appPackage: pkg });
    expect(config.apiKey).toBe('sk_live_abcdef');
    expect(JSON.stringify(printableConfig(config))).not.toContain('sk_live_abcdef');
  });

  it('parses list options and the empty ignore list', () => {
    expect(resolveConfig({ env: { EZLOGS_IGNORE_PATHS: '' }, appPackage: pkg }).config.ignorePaths).toEqual([]);
    expect(resolveConfig({ env: { EZLOGS_EXPORTER: ' console , ezlogs ' }, appPackage: pkg }).config.exporters).toEqual(['console', 'ezlogs']);
  });
});

describe('isDisabledByEnv', () => {
  it.each([
    [{ EZLOGS_DISABLED: 'true' }, true],
    [{ EZLOGS_DISABLED: '1' }, true],
    [{ OTEL_SDK_DISABLED: 'true' }, true],
    [{ EZLOGS_DISABLED: 'false', OTEL_SDK_DISABLED: 'true' }, false],
    [{ EZLOGS_DISABLED: 'garbage' }, false],
    [{}, false],
  ])('%j -> %s', (env, expected) => {
    expect(isDisabledByEnv(env)).toBe(expected);
  });
});
