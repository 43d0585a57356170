import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCollector } from '../helpers/event-collector.js';
import { spawnApp } from '../helpers/spawn-app.js';
import { jobsFixture } from './fixtures.js';
import { freshSpoolDir } from '../helpers/fresh-dir.js';

describe('issue 12: worker threads run no second agent', () => {
  const collector = new EventCollector();
  let echo: Server;
  let endpoint: string;

  beforeAll(async () => {
    endpoint = await collector.start();
    echo = createServer((req, res) => res.end(req.url));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    echo.close();
    await collector.stop();
  });

  it('leaves a worker thread unpatched and agent-free, while the main thread reports its own work once', async () => {
    const echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    const app = spawnApp(jobsFixture('thread-host.mjs'), { env: { EZLOGS_ENDPOINT: endpoint, ECHO_URL: echoUrl, EZLOGS_SPOOL_DIR: freshSpoolDir('threads') } });
    const report = JSON.parse((await app.waitForLine(/REPORT (.+)/))[1] ?? '{}') as Record<string, boolean>;
    expect(report).toEqual({ agentInThread: false, patched: false, agentInMain: true, patchedInMain: true });
    expect((await app.exited).code, app.stderr()).toBe(0);
    const events = await collector.waitFor((all) => all.some((e) => e.action.includes('/from-main')));
    const clientCalls = events.filter((e) => e.event_type === 'http.client');
    expect(clientCalls.map((e) => e.action)).toEqual([expect.stringContaining('/from-main')]);
  });
});
