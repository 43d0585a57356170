import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCollector } from '../helpers/event-collector.js';
import { freshSpoolDir } from '../helpers/fresh-dir.js';
import { fixture, nodeBinary, spawnApp, type RunningApp } from '../helpers/spawn-app.js';

// Node 20 publishes 'http.client.request.start' after the headers are rendered, so the agent
// adds `traceparent` from a hook; newer lines publish 'http.client.request.created' first.
describe(`trace context on outgoing node:http calls (${nodeBinary === process.execPath ? process.version : 'EZLOGS_TEST_NODE'})`, () => {
  const collector = new EventCollector();
  let app: RunningApp;
  let base: string;
  beforeAll(async () => {
    const endpoint = await collector.start();
    app = spawnApp(fixture('two-services.cjs'), { env: { EZLOGS_ENDPOINT: endpoint, EZLOGS_FLUSH_INTERVAL_MS: '100', EZLOGS_SPOOL_DIR: freshSpoolDir('two-services') } });
    base = `http://127.0.0.1:${(await app.waitForLine(/READY (\d+)/))[1]}`;
  });
  afterAll(async () => {
    app.kill();
    await app.exited;
    await collector.stop();
  });

  it('continues the caller\'s trace and request in the service it calls, with its own span as parent', async () => {
    const upstream = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    for (const path of ['/first', '/second']) {
      expect(await (await fetch(`${base}${path}`, { headers: { traceparent: upstream } })).text()).toBe('front');
    }
    const events = await collector.waitFor((all) => all.filter((e) => e.action === 'GET /back').length >= 2 && all.filter((e) => e.event_type === 'http.client').length >= 2);
    for (const path of ['/first', '/second']) {
      const front = events.find((e) => e.event_type === 'http.request' && e.metadata.url === path)!;
      const call = events.find((e) => e.event_type === 'http.client' && e.correlation.parent_span_id === front.correlation.span_id)!;
      const back = events.find((e) => e.action === 'GET /back' && e.correlation.parent_span_id === call.correlation.span_id);
      expect(front.correlation.trace_id).toBe('0af7651916cd43dd8448eb211c80319c');
      expect(back, `the back service's event for ${path}`).toBeDefined();
      expect(back!.correlation.trace_id).toBe(front.correlation.trace_id);
      expect(back!.correlation.request_id).toBe(front.correlation.request_id);
      expect(app.stdout()).toContain(`BACK SAW 00-${front.correlation.trace_id}-${call.correlation.span_id}-01`);
    }
  });
});
