import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCollector } from '../helpers/event-collector.js';
import { fixture, spawnApp } from '../helpers/spawn-app.js';
import { freshSpoolDir } from '../helpers/fresh-dir.js';

describe('less noise by default (issue 11)', () => {
  const collector = new EventCollector();
  let endpoint: string;
  beforeAll(async () => {
    endpoint = await collector.start();
  });
  afterAll(() => collector.stop());

  const run = async (extraEnv: Record<string, string>, service: string, expected: number) => {
    const app = spawnApp(fixture('noise-app.cjs'), { preload: 'require', env: { DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', EZLOGS_ENDPOINT: endpoint, EZLOGS_SERVICE_NAME: service, EZLOGS_FLUSH_INTERVAL_MS: '100', EZLOGS_SPOOL_DIR: freshSpoolDir('noise'), ...extraEnv } });
    const base = `http://127.0.0.1:${(await app.waitForLine(/READY (\d+)/))[1]}`;
    for (let i = 0; i < 10; i++) {
      await fetch(`${base}/health`);
      if (i % 3 === 0) await fetch(`${base}/orders/${i}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const events = await collector.waitFor((all) => all.filter((e) => e.platform.service === service && e.event_type === 'http.request').length >= expected);
    // A moment for anything that should not come (a late health-check event) to arrive anyway.
    await new Promise((r) => setTimeout(r, 400));
    app.kill('SIGTERM');
    await app.exited;
    return events;
  };

  it('a health check polled every 100 ms yields no events, real requests do, and pool connects are never events', async () => {
    const events = (await run({}, 'noise-default', 4), collector.events).filter((e) => e.platform.service === 'noise-default');
    const requests = events.filter((e) => e.event_type === 'http.request');
    expect(requests.map((e) => e.action)).toEqual(['GET /orders/:id', 'GET /orders/:id', 'GET /orders/:id', 'GET /orders/:id']);
    // Each real request has its query; the health checks' queries made no events either.
    expect(events.filter((e) => e.event_type === 'db.query')).toHaveLength(4);
    expect(events.filter((e) => /connect/i.test(e.action))).toEqual([]);
  });

  it('EZLOGS_IGNORE_PATHS= (empty) turns health checks back into events', async () => {
    const events = (await run({ EZLOGS_IGNORE_PATHS: '' }, 'noise-none-ignored', 14), collector.events).filter((e) => e.platform.service === 'noise-none-ignored');
    expect(events.filter((e) => e.event_type === 'http.request' && e.action === 'GET /health').length).toBe(10);
  });
});
