import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contribVersion } from './contrib-components.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const composeFile = `${root}docker-compose.yml`;

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(readFileSync(composeFile, 'utf8')) as { services: Record<string, Service> };
const services = compose.services;

const composeBinary = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
// .ci/run installs the Debian package; anywhere it is missing, the one test that needs it says why it skips.
if (!composeBinary) console.warn('skipping `docker-compose config -q`: docker-compose is not installed (Debian package `docker-compose`)');

describe('docker-compose.yml', () => {
  it.skipIf(!composeBinary)('is valid for docker-compose (`docker-compose config -q`)', () => {
    const result = spawnSync('docker-compose', ['-f', composeFile, 'config', '-q'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('runs the app, a Collector, the dev receiver and TimescaleDB', () => {
    expect(Object.keys(services).sort()).toEqual(['app', 'collector', 'receiver', 'timescaledb']);
  });

  it('gives every service a healthcheck, and waits for the healthy ones it needs', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.healthcheck?.test.length, `${name} healthcheck`).toBeGreaterThan(1);
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(services[dependency], `${name} depends on ${dependency}`).toBeDefined();
        expect(condition, `${name} -> ${dependency}`).toBe('service_healthy');
      }
    }
    expect(Object.keys(services.app?.depends_on ?? {}).sort()).toEqual(['collector', 'timescaledb']);
    expect(Object.keys(services.collector?.depends_on ?? {})).toEqual(['receiver']);
    expect(Object.keys(services.receiver?.depends_on ?? {})).toEqual(['timescaledb']);
  });

  it('pins every image to a version', () => {
    expect(readFileSync(`${root}collector-config/docker/collector.Dockerfile`, 'utf8')).toContain(`FROM otel/opentelemetry-collector-contrib:${contribVersion}\n`);
    expect(services.timescaledb?.image).toMatch(/^timescale\/timescaledb:\d+\.\d+\.\d+-pg16$/);
    for (const service of Object.values(services)) expect(service.image ?? '').not.toMatch(/:latest|^[^:]*$/);
  });

  it('builds from Dockerfiles that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build) expect(existsSync(`${root}${service.build.context}/${service.build.dockerfile}`.replace('/./', '/')), name).toBe(true);
    }
  });

  it('sends the app’s events as OTLP to the Collector, and the Collector’s to the receiver’s /v1/logs', () => {
    expect(services.app?.environment).toMatchObject({ EZLOGS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
    expect(services.collector?.volumes).toContain('./collector-config/gateway.yaml:/etc/otelcol-contrib/config.yaml:ro');
    expect(services.collector?.environment?.EZLOGS_INGEST_LOGS_ENDPOINT).toBe('http://receiver:4800/v1/logs');
    expect(services.receiver?.command).toEqual(['node', 'dist/cli/ezlogs.js', 'dev', '--host', '0.0.0.0', '--port', '4800', '--database-url', 'postgres://postgres:postgres@timescaledb:5432/ezlogs']);
  });

  it('keeps the Collector’s persistent queue on a volume at the file_storage directory', () => {
    const gateway = parse(readFileSync(`${root}collector-config/gateway.yaml`, 'utf8')) as { extensions: { file_storage: { directory: string } } };
    expect(services.collector?.volumes).toContain(`collector-queue:${gateway.extensions.file_storage.directory}`);
  });
});
