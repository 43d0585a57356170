import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UniversalEvent } from '../../src/events/universal-event.js';
import { createReceiver, type Receiver } from '../../src/receiver/index.js';
import { spawnApp } from '../helpers/spawn-app.js';
import { asJson, byId } from './otlp-events.js';
import { freshSpoolDir } from '../helpers/fresh-dir.js';

const app = fileURLToPath(new URL('./fixtures/otlp-shop.mjs', import.meta.url));
const spoolDir = freshSpoolDir('otlp-e2e');

interface Run {
  code: number | null;
  ms: number;
  stderr: string;
}

async function run(name: string, env: Record<string, string>): Promise<Run> {
  const child = spawnApp(app, { env: { RUN: name, EZLOGS_SERVICE_NAME: `otlp-${name}`, EZLOGS_SPOOL_DIR: spoolDir, EZLOGS_FLUSH_INTERVAL_MS: '100', ...env } });
  const { code, ms } = await child.exited;
  return { code, ms, stderr: child.stderr() };
}

/** A stand-in for a Collector's OTLP receiver on a wrong path: 404 for everything, every path recorded. */
async function notFoundServer(): Promise<{ server: Server; url: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    req.resume().on('end', () => res.writeHead(404).end('404 page not found'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

const receivers: Receiver[] = [];
async function receiver(apiKeys: string[] = []): Promise<{ receiver: Receiver; url: string; eventsUrl: string }> {
  const r = createReceiver({ apiKeys });
  receivers.push(r);
  const { url, eventsUrl } = await r.listen(0);
  return { receiver: r, url, eventsUrl };
}

const ofRun = (events: UniversalEvent[], name: string): UniversalEvent[] => asJson(events.filter((e) => e.platform.service === `otlp-${name}`)).sort(byId);

let otlp: Awaited<ReturnType<typeof receiver>>;
let direct: Awaited<ReturnType<typeof receiver>>;
let slash: Awaited<ReturnType<typeof receiver>>;
let keyed: Awaited<ReturnType<typeof receiver>>;
let wrongPath: Awaited<ReturnType<typeof notFoundServer>>;
let dead: Server;
const runs: Record<string, Run> = {};

beforeAll(async () => {
  [otlp, direct, slash, keyed, wrongPath] = await Promise.all([receiver(), receiver(), receiver(), receiver(['k-otlp']), notFoundServer()]);
  // A port that was open a moment ago and is closed now: connections are refused.
  dead = createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  const deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
  await new Promise<void>((r) => dead.close(() => r()));

  const started = await Promise.all([
    run('both', { EZLOGS_EXPORTER: 'ezlogs,otlp', EZLOGS_ENDPOINT: direct.eventsUrl, OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url }),
    run('slash', { EZLOGS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: `${slash.url}/` }),
    run('keyed', { EZLOGS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `${keyed.url}/v1/logs`, OTEL_EXPORTER_OTLP_ENDPOINT: deadUrl, OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=k-otlp' }),
    run('doubled', { EZLOGS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: `${wrongPath.url}/v1/logs` }),
    run('dead', { EZLOGS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: deadUrl, OTEL_EXPORTER_OTLP_TIMEOUT: '1000' }),
  ]);
  for (const [i, name] of ['both', 'slash', 'keyed', 'doubled', 'dead'].entries()) runs[name] = started[i] as Run;
}, 60_000);

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  wrongPath?.server.close();
});

describe('EZLOGS_EXPORTER=otlp in a real app process', () => {
  it('delivers the same events over OTLP as over the ezlogs wire format, every field equal', async () => {
    expect(runs.both?.code, runs.both?.stderr).toBe(0);
    const viaOtlp = ofRun(await otlp.receiver.waitForEvents((all) => ofRun(all, 'both').length >= 5), 'both');
    const viaEvents = ofRun(await direct.receiver.waitForEvents((all) => ofRun(all, 'both').length >= viaOtlp.length), 'both');
    expect(viaOtlp.map((e) => `${e.event_type} ${e.action} ${e.outcome}`).sort()).toEqual([
      'http.client GET 127.0.0.1/boom/:id failure',
      'http.client POST 127.0.0.1/orders/:id/pay success',
      'http.request GET /boom/:id failure',
      'http.request POST /orders/:id/pay success',
      'order.paid order.paid success',
    ]);
    expect(viaOtlp).toStrictEqual(viaEvents);
    const paid = viaOtlp.find((e) => e.event_type === 'order.paid');
    expect(paid).toMatchObject({ actor: { type: 'user', id: '42' }, subject: { type: 'order', id: '7' }, correlation: { flow_id: 'checkout_42', request_id: 'req-both' } });
    expect(paid?.metadata).toMatchObject({ total: 12.5, items: ['book', 'pen'], coupon: { code: 'SPRING', pct: 10 }, contact: '[EMAIL]' });
  });

  it('posts OTLP/HTTP JSON to <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/logs', () => {
    const requests = otlp.receiver.requests();
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) expect([r.path, r.headers['content-type'], r.status]).toEqual(['/v1/logs', 'application/json', 200]);
  });

  it('never traces its own export requests', () => {
    const all = [...otlp.receiver.events(), ...direct.receiver.events()];
    expect(all.filter((e) => JSON.stringify(e).includes('/v1/logs') || JSON.stringify(e).includes('/events'))).toEqual([]);
  });

  it('appends /v1/logs once to an endpoint with a trailing slash', async () => {
    expect(runs.slash?.code, runs.slash?.stderr).toBe(0);
    await slash.receiver.waitForEvents((all) => ofRun(all, 'slash').length >= 5);
    expect(new Set(slash.receiver.requests().map((r) => r.path))).toEqual(new Set(['/v1/logs']));
  });

  it('uses OTEL_EXPORTER_OTLP_LOGS_ENDPOINT as is, over the base endpoint, with OTEL_EXPORTER_OTLP_HEADERS', async () => {
    expect(runs.keyed?.code, runs.keyed?.stderr).toBe(0);
    await keyed.receiver.waitForEvents((all) => ofRun(all, 'keyed').length >= 5);
    expect(keyed.receiver.requests().every((r) => r.status === 200 && r.headers['x-api-key'] === '<set>')).toBe(true);
  });

  it('keeps the standard meaning of a base endpoint ending in /v1/logs, and says what went wrong', () => {
    expect(runs.doubled?.code, runs.doubled?.stderr).toBe(0);
    expect(new Set(wrongPath.paths)).toEqual(new Set(['/v1/logs/v1/logs']));
    expect(runs.doubled?.stderr).toContain('HTTP 404: OTEL_EXPORTER_OTLP_ENDPOINT is a base URL (/v1/logs is appended to it)');
  });

  it('lets the app end on time when the Collector is down, bounded by OTEL_EXPORTER_OTLP_TIMEOUT', () => {
    expect(runs.dead?.code, runs.dead?.stderr).toBe(0);
    expect(runs.dead?.ms).toBeLessThan(4000);
    expect(runs.dead?.stderr).toContain('otlp: export of');
  });
});
