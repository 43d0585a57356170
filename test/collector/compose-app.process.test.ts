import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UniversalEvent } from '../../src/events/universal-event.js';
import { createReceiver, type Receiver } from '../../src/receiver/index.js';
import { spawnApp, type RunningApp } from '../helpers/spawn-app.js';

const launcher = fileURLToPath(new URL('../../collector-config/docker/compose-app.mjs', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * The `app` service of docker-compose.yml without Docker: the same launcher and environment,
 * with this test's receiver standing in for the Collector (both speak OTLP/HTTP on /v1/logs).
 */
describe('docker-compose app service', () => {
  let receiver: Receiver;
  let app: RunningApp;
  let events: UniversalEvent[];

  beforeAll(async () => {
    receiver = createReceiver();
    const { url } = await receiver.listen(0);
    app = spawnApp(launcher, {
      preload: 'none',
      env: {
        PORT: String(await freePort()),
        // Real Postgres, like the compose stack's TimescaleDB; tables of our own, dropped at exit.
        DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
        SHOP_TABLE_PREFIX: `compose_${process.pid}_`,
        SHOP_DROP_TABLES_ON_EXIT: '1',
        EZLOGS_SERVICE_NAME: 'shop',
        EZLOGS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: url,
        EZLOGS_FLUSH_INTERVAL_MS: '200',
        DRIVE_EVERY_MS: '600000',
      },
    });
    await app.waitForLine(/drove \d+ requests/, 25_000);
    events = await receiver.waitForEvents((all) => all.some((e) => e.event_type === 'job.perform') && all.filter((e) => e.action === 'POST /orders/:id/pay').length >= 3, 15_000);
  }, 45_000);

  afterAll(async () => {
    app?.kill('SIGTERM');
    await app?.exited;
    await receiver?.close();
  });

  it('runs the shop under the agent and sends its flows over OTLP', () => {
    const kinds = new Set(events.map((e) => `${e.event_type} ${e.outcome}`));
    for (const kind of ['http.request success', 'http.request failure', 'http.client success', 'data.change success', 'job.perform success']) expect(kinds).toContain(kind);
    expect(events.every((e) => e.platform.service === 'shop')).toBe(true);
    expect(receiver.requests().every((r) => r.path === '/v1/logs')).toBe(true);
  });

  it('passes SIGTERM on to the shop, which flushes and exits', async () => {
    app.kill('SIGTERM');
    const { code } = await app.exited;
    expect(code, app.stderr()).toBe(0);
  });
});
