import type { Pool } from 'pg';
import type { UniversalEvent } from '../../events/universal-event';
import { loadPg } from './load-pg';
import type { StoredEvent } from './stored-event';

export interface PostgresStoreOptions {
  databaseUrl: string;
  /** Schema holding the `events` table; tests use one per run. */
  schema?: string;
}

export interface PostgresStore {
  /** `hypertable` when TimescaleDB was available, else `table`. */
  readonly layout: 'hypertable' | 'table';
  /** Inserts what is new; returns the ids actually inserted (the rest were already stored). */
  insert(events: readonly UniversalEvent[]): Promise<Set<string>>;
  trace(traceId: string, limit?: number): Promise<StoredEvent[]>;
  count(): Promise<number>;
  close(): Promise<void>;
}

export type OpenResult = { ok: true; store: PostgresStore } | { ok: false; error: string };

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

/** Connects, creates the schema (a TimescaleDB hypertable when the extension can be created), and returns the store. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<OpenResult> {
  const schema = options.schema ?? 'ezlogs';
  if (!identifier.test(schema)) return { ok: false, error: `schema name ${JSON.stringify(schema)} must match ${identifier.source}` };
  const loaded = await loadPg();
  if (!loaded.ok) return loaded;
  const pool = new loaded.pg.Pool({ connectionString: options.databaseUrl, max: 4, connectionTimeoutMillis: 5000 });
  // An idle client's error (server restart) must not crash the receiver; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const layout = await createSchema(pool, schema);
    return { ok: true, store: wrap(pool, schema, layout) };
  } catch (err) {
    await pool.end().catch(() => undefined);
    return { ok: false, error: `PostgreSQL at ${safeUrl(options.databaseUrl)}: ${(err as Error).message}` };
  }
}

async function createSchema(pool: Pool, schema: string): Promise<'hypertable' | 'table'> {
  const timescale = await tryTimescale(pool);
  const table = `"${schema}".events`;
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  // A hypertable's unique keys must contain its time column; an event's timestamp never
  // changes across retries, so (event_id, ts) de-duplicates exactly like event_id alone.
  const key = timescale ? 'PRIMARY KEY (event_id, ts)' : 'PRIMARY KEY (event_id)';
  await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    event_id text NOT NULL,
    ts timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    event_type text NOT NULL,
    action text NOT NULL,
    outcome text NOT NULL,
    service text NOT NULL,
    trace_id text NOT NULL,
    span_id text,
    payload jsonb NOT NULL,
    ${key}
  )`);
  if (timescale) await pool.query(`SELECT create_hypertable('${schema}.events', 'ts', if_not_exists => TRUE)`);
  await pool.query(`CREATE INDEX IF NOT EXISTS events_trace_id_idx ON ${table} (trace_id)`);
  await pool.query(`CREATE INDEX IF NOT EXISTS events_ts_idx ON ${table} (ts DESC)`);
  return timescale ? 'hypertable' : 'table';
}

async function tryTimescale(pool: Pool): Promise<boolean> {
  const available = await pool.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`);
  if (available.rowCount === 0) return false;
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
    return true;
  } catch {
    // Listed but not loadable (not in shared_preload_libraries) or no privilege: a plain table works.
    return false;
  }
}

function wrap(pool: Pool, schema: string, layout: 'hypertable' | 'table'): PostgresStore {
  const table = `"${schema}".events`;
  return {
    layout,
    async insert(events) {
      if (events.length === 0) return new Set();
      // One round trip and one parameter whatever the batch size: Postgres unpacks the array.
      const result = await pool.query<{ event_id: string }>(
        `INSERT INTO ${table} (event_id, ts, event_type, action, outcome, service, trace_id, span_id, payload)
         SELECT e->>'event_id', (e->>'timestamp')::timestamptz, e->>'event_type', e->>'action', e->>'outcome',
                e->'platform'->>'service', e->'correlation'->>'trace_id', e->'correlation'->>'span_id', e
         FROM jsonb_array_elements($1::jsonb) AS e
         ON CONFLICT DO NOTHING
         RETURNING event_id`,
        [JSON.stringify(events)],
      );
      return new Set(result.rows.map((r) => r.event_id));
    },
    async trace(traceId, limit = 2000) {
      const result = await pool.query<{ seq: string; received_at: Date; payload: UniversalEvent }>(
        `SELECT seq, received_at, payload FROM ${table} WHERE trace_id = $1 ORDER BY ts, seq LIMIT $2`,
        [traceId, limit],
      );
      return result.rows.map((r) => ({ seq: Number(r.seq), received_at: r.received_at.toISOString(), event: r.payload }));
    },
    async count() {
      const result = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      return Number(result.rows[0]?.n ?? 0);
    },
    async close() {
      await pool.end().catch(() => undefined);
    },
  };
}

/** The URL without its password, for messages. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid URL>';
  }
}
