import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UniversalEvent } from '../../src/events/universal-event.js';
import { EventCollector } from '../helpers/event-collector.js';
import { fixture, spawnApp, type RunningApp } from '../helpers/spawn-app.js';
import { DATABASE_URL, runSql } from '../helpers/pg-sql.js';

const table = `e2e_jobs_${process.pid}`;
const queueName = `e2e-${process.pid}-${Date.now()}`;
// Unique per run: a spool left by an earlier run must not be mistaken for this one's events.
const requestId = `req-jobs-${Date.now()}`;

describe('a request continues into its jobs and logs, across processes (real Redis + Postgres)', () => {
  const collector = new EventCollector();
  let echo: Server;
  let web: RunningApp;
  let worker: RunningApp;
  let events: UniversalEvent[];
  let traceId: string;

  beforeAll(async () => {
    const endpoint = await collector.start();
    echo = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    await runSql(`CREATE TABLE IF NOT EXISTS ${table} (id serial PRIMARY KEY, kind text, note text)`);
    const env = { DATABASE_URL, JOBS_TABLE: table, QUEUE_NAME: queueName, EZLOGS_ENDPOINT: endpoint, EZLOGS_FLUSH_INTERVAL_MS: '200', EZLOGS_SPOOL_DIR: mkdtempSync(join(tmpdir(), 'ezlogs-jobs-')) };
    worker = spawnApp(fixture('jobs-worker.mjs'), { env: { ...env, EZLOGS_SERVICE_NAME: 'worker', ECHO_URL: `http://127.0.0.1:${(echo.address() as AddressInfo).port}`, EXPECT_RUNS: '4' } });
    await worker.waitForLine(/READY/);
    web = spawnApp(fixture('jobs-web.mjs'), { env: { ...env, EZLOGS_SERVICE_NAME: 'web' } });
    const port = (await web.waitForLine(/READY (\d+)/))[1];
    const res = await fetch(`http://127.0.0.1:${port}/signup`, { method: 'POST', headers: { 'x-user': 'u-77', 'x-request-id': requestId } });
    expect(res.status).toBe(202);
    // The worker exits by itself right after its 4th run (welcome + 3 flaky attempts).
    const exit = await worker.exited;
    expect(exit.code, worker.stderr()).toBe(0);
    // It called process.exit() right after its last job: what it had not sent yet is in the
    // spool, and the next process of the service sends it.
    const next = spawnApp(fixture('short-lived.mjs'), { env: { ...env, EZLOGS_SERVICE_NAME: 'worker', MODE: 'next-worker' } });
    expect((await next.exited).code, next.stderr()).toBe(0);
    events = await collector.waitFor((all) => all.filter((e) => e.event_type === 'job.perform' && e.platform.service === 'worker' && e.correlation.request_id === requestId).length >= 4 && all.some((e) => e.platform.service === 'web' && e.event_type === 'http.request' && e.correlation.request_id === requestId));
    traceId = events.find((e) => e.platform.service === 'web' && e.event_type === 'http.request' && e.correlation.request_id === requestId)!.correlation.trace_id;
  }, 60_000);

  afterAll(async () => {
    web?.kill();
    worker?.kill();
    await Promise.all([web?.exited, worker?.exited]);
    await collector.stop();
    echo?.close();
    await runSql(`DROP TABLE IF EXISTS ${table}`);
  });

  const inTrace = (): UniversalEvent[] => events.filter((e) => e.correlation.trace_id === traceId);
  const summary = (): string => inTrace().map((e) => `${e.platform.service}:${e.event_type}:${e.action}:${e.outcome}`).join('\n');

  it('puts every event of the request, in both processes, in one trace with one request id and the actor', () => {
    const chain = inTrace();
    const services = new Set(chain.map((e) => e.platform.service));
    expect([...services].sort(), summary()).toEqual(['web', 'worker']);
    for (const e of chain) {
      expect(e.correlation.request_id, `${e.platform.service} ${e.event_type}`).toBe(requestId);
      expect(e.actor, `${e.platform.service} ${e.event_type}`).toEqual({ type: 'user', id: 'u-77' });
      expect(e.correlation.session_id, `${e.platform.service} ${e.event_type}`).toBe('sess_42');
    }
    const workerEvents = chain.filter((e) => e.platform.service === 'worker');
    expect(workerEvents.map((e) => e.event_type).sort()).toEqual(expect.arrayContaining(['job.perform', 'data.change', 'http.client']));
    for (const e of workerEvents) expect(e.correlation.flow_id).toBe('signup_flow');
  });

  it('records each enqueue with its queue and job, and each perform as the child of its enqueue', () => {
    const enqueues = inTrace().filter((e) => e.event_type === 'job.enqueue');
    expect(enqueues.map((e) => e.action).sort()).toEqual([`${queueName}.flaky`, `${queueName}.welcome-email`]);
    const welcomeEnqueue = enqueues.find((e) => e.action.endsWith('welcome-email'))!;
    expect(welcomeEnqueue.metadata).toMatchObject({ queue: queueName, job_name: 'welcome-email', job_id: expect.any(String) });
    const welcome = inTrace().find((e) => e.event_type === 'job.perform' && e.action.endsWith('welcome-email'))!;
    expect(welcome.correlation.parent_span_id).toBe(welcomeEnqueue.correlation.span_id);
    expect(welcome.metadata).toMatchObject({ queue: queueName, job_id: welcomeEnqueue.metadata.job_id, attempt: 1, wait_ms: expect.any(Number) });
    const email = inTrace().find((e) => e.platform.service === 'worker' && e.event_type === 'data.change')!;
    expect(email.action).toBe(`${table}.create`);
  });

  it('yields one job.perform per attempt of a failing job: failure, failure, then success', () => {
    const flaky = inTrace()
      .filter((e) => e.event_type === 'job.perform' && e.action.endsWith('.flaky'))
      .sort((a, b) => Number(a.metadata.attempt) - Number(b.metadata.attempt));
    const allFlaky = events.filter((e) => e.event_type === 'job.perform' && e.action.endsWith('.flaky')).map((e) => `${e.metadata.attempt}:${e.outcome}:${e.correlation.trace_id}:${e.correlation.parent_span_id}`).join('\n');
    expect(flaky.map((e) => [e.metadata.attempt, e.outcome]), `${summary()}\nall flaky performs:\n${allFlaky}\ntrace ${traceId}`).toEqual([[1, 'failure'], [2, 'failure'], [3, 'success']]);
    expect(flaky[0]?.error).toMatchObject({ type: 'Error', message: 'flaky failure on attempt 1' });
    expect(flaky[0]?.metadata.max_attempts).toBe(3);
    expect(flaky[2]?.error).toBeUndefined();
  });

  it('runs trackJob in the context it was scheduled from, with its own queries inside', () => {
    const job = inTrace().find((e) => e.event_type === 'job.perform' && e.action === 'local.audit')!;
    expect(job).toMatchObject({ outcome: 'success', metadata: { queue: 'local', job_name: 'audit' }, correlation: { flow_id: 'signup_flow' } });
    const query = inTrace().find((e) => e.event_type === 'db.query' && e.correlation.parent_span_id === job.correlation.span_id);
    expect(query?.action).toBe(`SELECT ${table}`);
  });

  it('turns pino and winston lines into log events in the request, leaving the app output as it was', () => {
    const logsOf = inTrace().filter((e) => e.event_type === 'log');
    const pinoLine = logsOf.find((e) => e.metadata.logger === 'pino');
    const winstonLine = logsOf.find((e) => e.metadata.logger === 'winston');
    expect(pinoLine).toMatchObject({ action: 'info', outcome: 'success', metadata: { message: 'signup received', step: 'signup' } });
    expect(winstonLine).toMatchObject({ action: 'warn', metadata: { message: 'winston says hello' } });
    const out = web.stdout();
    const pinoOut = out.split('\n').find((l) => l.includes('signup received'));
    expect(JSON.parse(pinoOut!)).toEqual({ level: 30, time: expect.any(Number), step: 'signup', msg: 'signup received' });
    expect(out).toContain('{"level":"warn","message":"winston says hello","step":"signup"}');
  });
});
