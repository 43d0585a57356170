import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCollector } from '../helpers/event-collector.js';
import { spawnApp } from '../helpers/spawn-app.js';
import { jobsFixture, linkPackageForFixtures } from './fixtures.js';
import { freshSpoolDir } from '../helpers/fresh-dir.js';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const table = `jobs_kill_${process.pid}`;
const run = `ez12k-${process.pid}-${Date.now()}`;

/** A loopback port with nothing listening: the endpoint is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('issue 12: a sandboxed processor child killed right after its job', () => {
  beforeAll(async () => {
    linkPackageForFixtures();
    const setup = new pg.Client({ connectionString: DATABASE_URL });
    await setup.connect();
    await setup.query(`CREATE TABLE IF NOT EXISTS ${table} (id serial PRIMARY KEY, kind text, note text)`);
    await setup.end();
  });

  afterAll(async () => {
    const cleanup = new pg.Client({ connectionString: DATABASE_URL });
    await cleanup.connect();
    await cleanup.query(`DROP TABLE IF EXISTS ${table}`);
    await cleanup.end();
  });

  const baseEnv = (spoolDir: string): Record<string, string> => ({
    DATABASE_URL,
    JOBS_TABLE: table,
    EZLOGS_SERVICE_NAME: 'killed-worker',
    EZLOGS_SPOOL_DIR: spoolDir,
    // Only the child's own flush before it reports the job can deliver in time.
    EZLOGS_FLUSH_INTERVAL_MS: '60000',
  });

  it('has already delivered its events when the parent learns the job is done (SIGKILL loses nothing)', async () => {
    const collector = new EventCollector();
    const endpoint = await collector.start();
    const spoolDir = freshSpoolDir('kill-a');
    const app = spawnApp(jobsFixture('sandbox-kill.mjs'), { env: { ...baseEnv(spoolDir), QUEUE_NAME: `${run}-a`, EZLOGS_ENDPOINT: endpoint } });
    try {
      await app.waitForLine(/KILLED \d+/, 20_000);
      // No waiting: the child's query event reached the endpoint before its completion message left.
      const fromChild = collector.events.filter((e) => e.event_type === 'data.change' && e.action === `${table}.create`);
      expect(fromChild, collector.events.map((e) => `${e.event_type} ${e.action}`).join('\n')).toHaveLength(1);
    } finally {
      app.kill();
      await app.exited;
      await collector.stop();
      rmSync(spoolDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('spools what it could not deliver before the kill, and the next process of the service replays it', async () => {
    const spoolDir = freshSpoolDir('kill-b');
    const down = `http://127.0.0.1:${await closedPort()}/events`;
    const app = spawnApp(jobsFixture('sandbox-kill.mjs'), { env: { ...baseEnv(spoolDir), QUEUE_NAME: `${run}-b`, EZLOGS_ENDPOINT: down, EZLOGS_RETRY_ATTEMPTS: '0' } });
    await app.waitForLine(/KILLED \d+/, 20_000);
    app.kill();
    await app.exited;
    const collector = new EventCollector();
    const endpoint = await collector.start();
    try {
      const next = spawnApp(jobsFixture('next-process.mjs'), { env: { ...baseEnv(spoolDir), EZLOGS_ENDPOINT: endpoint } });
      const received = await collector.waitFor((all) => all.some((e) => e.event_type === 'data.change' && e.action === `${table}.create`) && all.some((e) => e.event_type === 'job.perform'), 10_000);
      await next.exited;
      const perform = received.find((e) => e.event_type === 'job.perform');
      const query = received.find((e) => e.event_type === 'data.change')!;
      // The replayed child event still nests under the parent's perform of that job.
      expect(perform, received.map((e) => `${e.event_type} ${e.action}`).join('\n')).toBeDefined();
      expect(query.correlation.parent_span_id).toBe(perform?.correlation.span_id);
    } finally {
      await collector.stop();
      rmSync(spoolDir, { recursive: true, force: true });
    }
  }, 40_000);
});
