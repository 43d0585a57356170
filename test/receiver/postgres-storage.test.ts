import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiver } from '../../src/receiver/receiver.js';
import { post, sampleEvent } from './sample-events.js';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `ezlogs_rcv_test_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: databaseUrl });

beforeAll(() => admin.connect());
afterAll(async () => {
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

describe('PostgreSQL storage (--database-url)', () => {
  it('creates the schema with trace_id and time indexes on listen', async () => {
    const receiver = createReceiver({ databaseUrl, databaseSchema: schema });
    await receiver.listen(0);
    await receiver.close();
    const indexes = await admin.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'events'`, [schema]);
    const defs = indexes.rows.map((r) => r.indexdef).join('\n');
    expect(defs).toMatch(/\(trace_id\)/);
    expect(defs).toMatch(/\(ts DESC\)/);
    expect(defs).toMatch(/PRIMARY KEY|UNIQUE.*event_id/i);
  });

  it('stores events durably and de-duplicates a replay even after a restart', async () => {
    const batch = [sampleEvent(), sampleEvent({ event_type: 'db.query', action: 'SELECT orders' })];
    const first = createReceiver({ databaseUrl, databaseSchema: schema });
    const { url } = await first.listen(0);
    expect((await post(`${url}/events`, batch)).json).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(first.storageKind()).toMatch(/^postgres:(table|hypertable)$/);
    await first.close();

    const second = createReceiver({ databaseUrl, databaseSchema: schema });
    const again = await second.listen(0);
    try {
      // A fresh memory window: only Postgres can know these ids.
      expect((await post(`${again.url}/events`, batch)).json).toMatchObject({ accepted: 0, duplicates: 2 });
      const rows = await admin.query<{ event_id: string; payload: unknown }>(`SELECT event_id, payload FROM "${schema}".events WHERE event_id = ANY($1) ORDER BY seq`, [batch.map((e) => e.event_id)]);
      expect(rows.rows.map((r) => r.payload)).toEqual(batch);
      const trace = (await (await fetch(`${again.url}/api/traces/${batch[0]?.correlation.trace_id}`)).json()) as { events: { event: unknown }[] };
      expect(trace.events.map((s) => s.event)).toEqual([batch[0]]);
    } finally {
      await second.close();
    }
  });

  it('answers 503 when Postgres refuses the insert, so the agent retries', async () => {
    const receiver = createReceiver({ databaseUrl, databaseSchema: schema });
    const { url } = await receiver.listen(0);
    try {
      await admin.query(`ALTER TABLE "${schema}".events RENAME TO events_away`);
      const res = await post(`${url}/events`, [sampleEvent()]);
      expect(res.status).toBe(503);
      expect(res.json.error).toMatch(/^storage unavailable: /);
      expect(receiver.events()).toEqual([]);
    } finally {
      await admin.query(`ALTER TABLE "${schema}".events_away RENAME TO events`);
      await receiver.close();
    }
  });

  it('fails listen with a clear message when the database cannot be reached', async () => {
    const receiver = createReceiver({ databaseUrl: 'postgres://postgres:pw@127.0.0.1:1/none', databaseSchema: schema });
    await expect(receiver.listen(0)).rejects.toThrow(/^PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none: /);
  });
});
