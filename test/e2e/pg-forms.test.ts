import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UniversalEvent } from '../../src/events/universal-event.js';
import { EventCollector } from '../helpers/event-collector.js';
import { freshSpoolDir } from '../helpers/fresh-dir.js';
import { DATABASE_URL } from '../helpers/pg-sql.js';
import { fixture, spawnApp } from '../helpers/spawn-app.js';

const collector = new EventCollector();
let events: UniversalEvent[];

beforeAll(async () => {
  const endpoint = await collector.start();
  const app = spawnApp(fixture('pg-forms.cjs'), { preload: 'require', env: { DATABASE_URL, EZLOGS_ENDPOINT: endpoint, EZLOGS_SERVICE_NAME: 'pg-forms', EZLOGS_SPOOL_DIR: freshSpoolDir('pg-forms') } });
  const { code } = await app.exited;
  expect(code, app.stderr()).toBe(0);
  events = (await collector.waitFor((all) => all.filter((e) => e.platform.service === 'pg-forms').length >= 7)).filter((e) => e.platform.service === 'pg-forms');
});
afterAll(() => collector.stop());

const queries = (): UniversalEvent[] => events.filter((e) => e.metadata.db_system === 'postgresql');

describe('pg, every way an app calls it (our own instrumentation)', () => {
  it('makes one event per query, promise, callback, config object and submittable alike, with its statement and rows', () => {
    const seen = queries().map((e) => [e.metadata.db_statement, e.metadata.row_count, e.outcome]);
    expect(seen).toEqual([
      ['SELECT $1::int AS n', 1, 'success'],
      ['SELECT ? AS n', 1, 'success'],
      ['SELECT $1::int AS n, $2::int AS m', 1, 'success'],
      ['SELECT $1::text AS n', 1, 'success'],
      ['SELECT generate_series(?, ?) AS n', 6, 'success'],
      ['SELECT * FROM ezlogs_no_such_table', undefined, 'failure'],
    ]);
  });

  it('records a failed query with its error', () => {
    const failed = queries().find((e) => e.outcome === 'failure');
    expect(failed?.error?.message).toContain('ezlogs_no_such_table');
    expect(failed?.action).toBe('SELECT ezlogs_no_such_table');
  });

  it('runs a callback in the context of the code that made the query, not of the connection', () => {
    const tracked = events.find((e) => e.event_type === 'callback.ran');
    expect(tracked?.correlation.flow_id).toBe('pg-forms');
    for (const query of queries()) expect(query.correlation.flow_id).toBe('pg-forms');
  });

  it('never sends a parameter value, in any event of any batch that arrived (decompressed)', () => {
    expect(JSON.stringify(collector.requests.map((r) => r.events))).not.toContain('pg-forms-parameter-value');
  });
});
