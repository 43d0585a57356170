import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCollector } from '../helpers/event-collector.js';
import { freshSpoolDir } from '../helpers/fresh-dir.js';
import { DATABASE_URL } from '../helpers/pg-sql.js';
import { fixture, spawnApp } from '../helpers/spawn-app.js';

/**
 * Issue 10: a CommonJS app's agent loads on first use, not at start. Each case starts the app
 * with nothing of OpenTelemetry loaded, makes one kind of instrumented work its first, and
 * checks that the agent loaded then and that this very first piece of work became an event.
 */
const collector = new EventCollector();
let endpoint: string;

beforeAll(async () => {
  endpoint = await collector.start();
});
afterAll(() => collector.stop());

async function runMode(mode: string, preload: 'import' | 'require' = 'import'): Promise<{ loadedAtStart: number; loadedAfter: number; service: string }> {
  const service = `first-use-${mode}-${preload}`;
  const app = spawnApp(fixture('first-use.cjs'), {
    preload,
    env: { MODE: mode, DATABASE_URL, EZLOGS_ENDPOINT: endpoint, EZLOGS_SERVICE_NAME: service, EZLOGS_SPOOL_DIR: freshSpoolDir('first-use') },
  });
  const { code } = await app.exited;
  expect(code, app.stderr()).toBe(0);
  expect(app.stderr()).toBe('');
  return { ...(JSON.parse(app.stdout()) as { loadedAtStart: number; loadedAfter: number }), service };
}

const eventsOf = (service: string) => collector.events.filter((e) => e.platform.service === service);

describe('a CommonJS app loads the agent on first use (issue 10)', () => {
  it('loads nothing of OpenTelemetry at start, and nothing at all in a script that does nothing instrumented (its preload timer does not keep it alive)', async () => {
    const probe = await runMode('nothing');
    expect(probe.loadedAtStart).toBe(0);
    expect(probe.loadedAfter).toBe(0);
  });

  for (const preload of ['import', 'require'] as const) {
    it(`records the first incoming request, the one that loads it (--${preload})`, async () => {
      const probe = await runMode('server', preload);
      expect(probe.loadedAtStart).toBe(0);
      expect(probe.loadedAfter).toBeGreaterThan(0);
      const events = await collector.waitFor(() => eventsOf(probe.service).length >= 1).then(() => eventsOf(probe.service));
      expect(events.map((e) => `${e.event_type} ${e.action}`)).toEqual(['http.request GET /first-in']);
    });
  }

  it('records the first outgoing node:http request', async () => {
    const probe = await runMode('client');
    expect(probe.loadedAtStart).toBe(0);
    await collector.waitFor(() => eventsOf(probe.service).length >= 1);
    const [event] = eventsOf(probe.service);
    expect(event?.event_type).toBe('http.client');
    expect(event?.action).toBe('GET 127.0.0.1/first-out');
  });

  it('records the first fetch', async () => {
    const probe = await runMode('fetch');
    expect(probe.loadedAtStart).toBe(0);
    await collector.waitFor(() => eventsOf(probe.service).length >= 1);
    const [event] = eventsOf(probe.service);
    expect(event?.event_type).toBe('http.client');
    expect(String(event?.metadata.url)).toContain('/first-fetch');
  });

  it('instruments the package whose first require loads it (pg)', async () => {
    const probe = await runMode('pg');
    expect(probe.loadedAtStart).toBe(0);
    await collector.waitFor(() => eventsOf(probe.service).some((e) => e.event_type === 'db.query'));
    const query = eventsOf(probe.service).find((e) => e.event_type === 'db.query');
    expect(query?.metadata.db_statement).toBe('SELECT ? AS first_query');
  });

  it("gives the app's own use of the OpenTelemetry API our tracer provider", async () => {
    const probe = await runMode('api');
    expect(probe.loadedAtStart).toBe(0);
    await collector.waitFor(() => eventsOf(probe.service).length >= 1);
    expect(eventsOf(probe.service).map((e) => e.action)).toEqual(['first-own-span']);
  });

  it('is in place as soon as the app requires @ezlogs/node: withFlow reaches the first request', async () => {
    const probe = await runMode('agentApi');
    await collector.waitFor(() => eventsOf(probe.service).length >= 1);
    const [event] = eventsOf(probe.service);
    expect(event?.event_type).toBe('http.client');
    expect(event?.correlation.flow_id).toBe('flow-first');
  });

  it('loads in a long-lived process that has done nothing instrumented yet, after about a second', async () => {
    const probe = await runMode('idle');
    expect(probe.loadedAtStart).toBe(0);
    expect(probe.loadedAfter).toBeGreaterThan(0);
  });
});
