// The one table the service reads, created (idempotently) before any configuration runs.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function prepareDatabase(url = databaseUrl) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS ezlogs_bench_items (id integer PRIMARY KEY, name text NOT NULL, price_cents integer NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())');
    await client.query("INSERT INTO ezlogs_bench_items (id, name, price_cents) SELECT g, 'item ' || g, g * 100 FROM generate_series(1, 1000) g ON CONFLICT (id) DO NOTHING");
  } finally {
    await client.end();
  }
}
