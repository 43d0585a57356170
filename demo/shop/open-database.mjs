// DATABASE_URL set: a real Postgres through `pg`, which the agent instruments by itself.
// Unset: embedded Postgres (PGlite), so the demo needs nothing but Node.
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { openTracedPglite } from './traced-pglite.mjs';

/** Tables carry a prefix so parallel runs against one shared Postgres never collide. */
export async function openDatabase({ databaseUrl, tablePrefix }) {
  const db = databaseUrl ? await openPg(databaseUrl) : await openTracedPglite('shop');
  const orders = `${tablePrefix}orders`;
  const receipts = `${tablePrefix}receipts`;
  // Schema set-up is plumbing, not the shop's behaviour: it produces no events.
  await context.with(suppressTracing(context.active()), () => db.exec(`
    CREATE TABLE IF NOT EXISTS ${orders} (id serial PRIMARY KEY, customer text NOT NULL, item text NOT NULL,
      amount_cents integer NOT NULL, status text NOT NULL DEFAULT 'new', payment_id text);
    CREATE TABLE IF NOT EXISTS ${receipts} (id serial PRIMARY KEY, order_id integer NOT NULL, sent_at timestamptz NOT NULL DEFAULT now());
  `));
  return { ...db, tables: { orders, receipts } };
}

async function openPg(databaseUrl) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  return {
    kind: 'PostgreSQL (DATABASE_URL)',
    exec: (sql) => pool.query(sql),
    dropTables: (names) => pool.query(`DROP TABLE IF EXISTS ${names.join(', ')}`),
    query: async (text, params = []) => {
      const result = await pool.query(text, params);
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    },
    close: () => pool.end(),
  };
}
