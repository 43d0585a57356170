import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UniversalEvent } from '../../src/events/universal-event.js';
import { EventCollector } from '../helpers/event-collector.js';
import { spawnApp, type RunningApp } from '../helpers/spawn-app.js';
import { jobsFixture, linkPackageForFixtures } from './fixtures.js';
import { freshSpoolDir } from '../helpers/fresh-dir.js';
import { DATABASE_URL, runSql } from '../helpers/pg-sql.js';

const table = `jobs_everywhere_${process.pid}`;
const prefix = `ez12-${process.pid}-${Date.now()}`;
// bull inline: welcome + flaky x2; bull sandbox: report + flaky x2; bullmq inline: welcome; bullmq sandbox: report + flaky x2.
const EXPECT_RUNS = 10;

describe('issue 12: Bull and BullMQ jobs, in-process and sandboxed, continue the request (real Redis + Postgres)', () => {
  const collector = new EventCollector();
  let web: RunningApp;
  let worker: RunningApp;
  let events: UniversalEvent[];
  let traceId: string;
  let rowsWritten: number;

  beforeAll(async () => {
    linkPackageForFixtures();
    const endpoint = await collector.start();
    await runSql(`CREATE TABLE IF NOT EXISTS ${table} (id serial PRIMARY KEY, kind text, note text)`);
    const env = { DATABASE_URL, JOBS_TABLE: table, QUEUE_PREFIX: prefix, EZLOGS_ENDPOINT: endpoint, EZLOGS_FLUSH_INTERVAL_MS: '200', EZLOGS_SPOOL_DIR: freshSpoolDir('jobs12') };
    worker = spawnApp(jobsFixture('jobs-worker.mjs'), { env: { ...env, EZLOGS_SERVICE_NAME: 'worker', EXPECT_RUNS: String(EXPECT_RUNS) } });
    await worker.waitForLine(/READY/);
    web = spawnApp(jobsFixture('jobs-web.mjs'), { env: { ...env, EZLOGS_SERVICE_NAME: 'web' } });
    const port = (await web.waitForLine(/READY (\d+)/))[1];
    const res = await fetch(`http://127.0.0.1:${port}/signup`, { method: 'POST', headers: { 'x-user': 'u-12', 'x-request-id': 'req-jobs-12' } });
    expect(res.status).toBe(202);
    // The worker closes its queues (recycling the sandbox children) and exits after its last job.
    const exit = await worker.exited;
    expect(exit.code, worker.stderr()).toBe(0);
    const count = new pg.Client({ connectionString: DATABASE_URL });
    await count.connect();
    rowsWritten = Number((await count.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
    await count.end();
    const received = await collector.waitFor((all) => all.filter((e) => e.event_type === 'data.change' && e.platform.service === 'worker').length >= rowsWritten);
    // Delivery is at-least-once (a batch in flight at exit is also spooled): like a receiver,
    // the checks count each event_id once. Two ids for one operation would be a duplicate.
    events = [...new Map(received.map((e) => [e.event_id, e])).values()];
    traceId = events.find((e) => e.platform.service === 'web' && e.event_type === 'http.request')!.correlation.trace_id;
  }, 60_000);

  afterAll(async () => {
    web?.kill();
    worker?.kill();
    await Promise.all([web?.exited, worker?.exited]);
    await collector.stop();
    await runSql(`DROP TABLE IF EXISTS ${table}`);
  });

  const inTrace = (): UniversalEvent[] => events.filter((e) => e.correlation.trace_id === traceId);
  const summary = (): string => events.map((e) => `${e.platform.service}:${e.event_type}:${e.action}:${e.outcome}:${e.correlation.trace_id}`).join('\n');
  const performs = (queue: string): UniversalEvent[] =>
    inTrace()
      .filter((e) => e.event_type === 'job.perform' && e.metadata.queue === `${prefix}-${queue}`)
      .sort((a, b) => String(a.metadata.job_name).localeCompare(String(b.metadata.job_name)) || Number(a.metadata.attempt) - Number(b.metadata.attempt));

  it('gives every job event, in the worker and in its sandbox children, the request trace, request id, actor and session', () => {
    const workerEvents = events.filter((e) => e.platform.service === 'worker');
    expect(workerEvents.length, summary()).toBeGreaterThanOrEqual(16);
    for (const e of workerEvents) {
      const where = `${e.event_type} ${e.action}`;
      expect(e.correlation.trace_id, where).toBe(traceId);
      expect(e.correlation.request_id, where).toBe('req-jobs-12');
      expect(e.actor, where).toEqual({ type: 'user', id: 'u-12' });
      expect(e.correlation.session_id, where).toBe('sess_12');
      expect(e.correlation.flow_id, where).toBe('jobs_flow');
    }
  });

  it('records one job.perform per attempt, in-process and sandboxed, for both libraries', () => {
    const shape = (queue: string): Array<[unknown, unknown, string]> => performs(queue).map((e) => [e.metadata.job_name, e.metadata.attempt, e.outcome]);
    expect(shape('bull-inline'), summary()).toEqual([['flaky', 1, 'failure'], ['flaky', 2, 'success'], ['welcome', 1, 'success']]);
    expect(shape('bull-sandbox'), summary()).toEqual([['flaky', 1, 'failure'], ['flaky', 2, 'success'], ['report', 1, 'success']]);
    expect(shape('mq-inline'), summary()).toEqual([['welcome', 1, 'success']]);
    expect(shape('mq-sandbox'), summary()).toEqual([['flaky', 1, 'failure'], ['flaky', 2, 'success'], ['report', 1, 'success']]);
    expect(performs('bull-sandbox')[0]?.error).toMatchObject({ message: 'sandboxed flaky failure on attempt 1' });
    expect(performs('mq-sandbox')[0]?.error).toMatchObject({ message: 'sandboxed flaky failure on attempt 1' });
    expect(performs('bull-inline')[0]?.error).toMatchObject({ type: 'Error', message: 'inline flaky failure on attempt 1' });
  });

  it('nests each job under its enqueue, with attempts, wait time and job id in metadata (Bull)', () => {
    const enqueue = inTrace().find((e) => e.event_type === 'job.enqueue' && e.action === `${prefix}-bull-inline.welcome`)!;
    expect(enqueue.metadata).toMatchObject({ queue: `${prefix}-bull-inline`, job_name: 'welcome', job_id: expect.any(String) });
    const perform = performs('bull-inline').find((e) => e.metadata.job_name === 'welcome')!;
    expect(perform.correlation.parent_span_id).toBe(enqueue.correlation.span_id);
    expect(perform.metadata).toMatchObject({ job_id: enqueue.metadata.job_id, attempt: 1, max_attempts: 1, wait_ms: expect.any(Number) });
    expect(performs('bull-inline').find((e) => e.metadata.job_name === 'flaky')?.metadata.max_attempts).toBe(2);
  });

  it("puts a sandboxed processor's queries under the worker's job.perform, as the same service", () => {
    for (const queue of ['bull-sandbox', 'mq-sandbox']) {
      const report = performs(queue).find((e) => e.metadata.job_name === 'report')!;
      const query = inTrace().find((e) => e.event_type === 'data.change' && e.correlation.parent_span_id === report.correlation.span_id);
      expect(query, `${queue}\n${summary()}`).toMatchObject({ action: `${table}.create`, platform: { service: 'worker' } });
    }
  });

  it('produces no event twice although the agent runs in the worker and in its forked children', () => {
    const performKeys = inTrace()
      .filter((e) => e.event_type === 'job.perform')
      .map((e) => `${String(e.metadata.queue)}/${String(e.metadata.job_id)}/${String(e.metadata.attempt)}`);
    expect(performKeys).toHaveLength(EXPECT_RUNS);
    expect(new Set(performKeys).size).toBe(EXPECT_RUNS);
    // Every row a job wrote has exactly one data.change event: 7 successful runs, each wrote once.
    expect(rowsWritten).toBe(7);
    expect(inTrace().filter((e) => e.event_type === 'data.change' && e.platform.service === 'worker')).toHaveLength(rowsWritten);
  });
});
