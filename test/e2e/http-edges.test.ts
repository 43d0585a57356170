import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCollector } from '../helpers/event-collector.js';
import { freshSpoolDir } from '../helpers/fresh-dir.js';
import { fixture, spawnApp, type RunningApp } from '../helpers/spawn-app.js';

describe('HTTP through diagnostics channels: requests that end the hard way', () => {
  const collector = new EventCollector();
  let app: RunningApp;
  let base: string;
  beforeAll(async () => {
    const endpoint = await collector.start();
    app = spawnApp(fixture('http-edges.mjs'), { env: { EZLOGS_ENDPOINT: endpoint, EZLOGS_FLUSH_INTERVAL_MS: '100', EZLOGS_SPOOL_DIR: freshSpoolDir('http-edges') } });
    base = `http://127.0.0.1:${(await app.waitForLine(/READY (\d+)/))[1]}`;
  });
  afterAll(async () => {
    app.kill();
    await app.exited;
    await collector.stop();
  });

  it('records a request whose client gave up, marked aborted', async () => {
    await expect(fetch(`${base}/hang`, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    const events = await collector.waitFor((all) => all.some((e) => e.action === 'GET /hang'));
    expect(events.find((e) => e.action === 'GET /hang')?.metadata).toMatchObject({ aborted: true, method: 'GET' });
  });

  it('ends an outgoing call whose response is never read, and keeps it in the request trace', async () => {
    expect(await (await fetch(`${base}/unread`)).text()).toBe('done');
    const events = await collector.waitFor((all) => all.some((e) => e.event_type === 'http.client' && e.action.endsWith('/payload')) && all.some((e) => e.action === 'GET /unread'));
    const request = events.find((e) => e.action === 'GET /unread')!;
    const call = events.find((e) => e.event_type === 'http.client' && e.action.endsWith('/payload'))!;
    expect(call.correlation.trace_id).toBe(request.correlation.trace_id);
    expect(call.correlation.parent_span_id).toBe(request.correlation.span_id);
  });
});
