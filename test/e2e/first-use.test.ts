import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UniversalEvent } from '../../src/events/universal-event.js';
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

/** Runs the fixture in one mode; every mode starts with nothing of OpenTelemetry loaded. */
async function runMode(mode: string, preload: 'import' | 'require' = 'import'): Promise<{ loadedAfter: number; service: string }> {
  const service = `first-use-${mode}-${preload}`;
  const app = spawnApp(fixture('first-use.cjs'), {
    preload,
    env: { MODE: mode, DATABASE_URL, EZLOGS_ENDPOINT: endpoint, EZLOGS_SERVICE_NAME: service, EZLOGS_SPOOL_DIR: freshSpoolDir('first-use') },
  });
  const { code } = await app.exited;
  expect(code, app.stderr()).toBe(0);
  expect(app.stderr()).toBe('');
  const probe = JSON.parse(app.stdout()) as { loadedAtStart: number; loadedAfter: number };
  expect(probe.loadedAtStart).toBe(0);
  return { loadedAfter: probe.loadedAfter, service };
}

/** The events of the mode's run, once the first has arrived. */
async function eventsOfMode(mode: string, preload: 'import' | 'require' = 'import'): Promise<UniversalEvent[]> {
  const { service } = await runMode(mode, preload);
  const mine = (): UniversalEvent[] => collector.events.filter((e) => e.platform.service === service);
  await collector.waitFor(() => mine().length >= 1);
  return mine();
}

describe('a CommonJS app loads the agent on first use (issue 10)', () => {
  it('loads nothing at all in a script that does nothing instrumented (its preload timer does not keep it alive)', async () => {
    expect((await runMode('nothing')).loadedAfter).toBe(0);
  });

  for (const preload of ['import', 'require'] as const) {
    it(`records the first incoming request, the one that loads it (--${preload})`, async () => {
      const events = await eventsOfMode('server', preload);
      expect(events.map((e) => `${e.event_type} ${e.action}`)).toEqual(['http.request GET /first-in']);
    });
  }

  it('records the first outgoing node:http request', async () => {
    const events = await eventsOfMode('client');
    expect(events.map((e) => `${e.event_type} ${e.action}`)).toEqual(['http.client GET 127.0.0.1/first-out']);
  });

  it('records the first fetch', async () => {
    const [event] = await eventsOfMode('fetch');
    expect(event?.event_type).toBe('http.client');
    expect(String(event?.metadata.url)).toContain('/first-fetch');
  });

  it('instruments the package whose first require loads it (pg)', async () => {
    const events = await eventsOfMode('pg');
    const query = events.find((e) => e.event_type === 'db.query');
    expect(query?.metadata.db_statement).toBe('SELECT ? AS first_query');
  });

  it("gives the app's own use of the OpenTelemetry API our tracer provider", async () => {
    const events = await eventsOfMode('api');
    expect(events.map((e) => e.action)).toEqual(['first-own-span']);
  });

  it('is in place as soon as the app requires @ezlogs/node: withFlow reaches the first request', async () => {
    const [event] = await eventsOfMode('agentApi');
    expect(event?.event_type).toBe('http.client');
    expect(event?.correlation.flow_id).toBe('flow-first');
  });

  it('loads in a long-lived process that has done nothing instrumented yet, after about a second', async () => {
    expect((await runMode('idle')).loadedAfter).toBeGreaterThan(0);
  });
});
