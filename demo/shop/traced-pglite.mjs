// PGlite runs Postgres inside this process, so no `pg` instrumentation sees its queries.
// This adapter opens the same client span the pg instrumentation would, with the attributes
// the agent's mapper reads (db.system.name, db.query.text, db.namespace), so the demo's
// embedded database shows up as db.query / data.change steps like a real Postgres would.
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('ezlogs-demo-pglite');

/** @param {string} namespace the database name shown on each event */
export async function openTracedPglite(namespace) {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  return {
    kind: 'PGlite (embedded, in memory)',
    /** Schema set-up runs untraced: it is the demo's plumbing, not the shop's behaviour. */
    exec: (sql) => db.exec(sql),
    query: (text, params = []) =>
      tracer.startActiveSpan(spanName(text), { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.namespace': namespace, 'db.query.text': text } }, async (span) => {
        try {
          const result = await db.query(text, params);
          // pg's rowCount: rows returned by a SELECT, rows touched by INSERT/UPDATE/DELETE.
          const rowCount = Math.max(result.rows.length, result.affectedRows ?? 0);
          span.setAttribute('db.response.returned_rows', rowCount);
          return { rows: result.rows, rowCount };
        } catch (err) {
          span.recordException(err);
          span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
          throw err;
        } finally {
          span.end();
        }
      }),
    close: () => db.close(),
  };
}

/** The pg instrumentation names a span after the statement's verb. */
function spanName(text) {
  const verb = /^\s*([a-z]+)/i.exec(text);
  return verb ? verb[1].toUpperCase() : 'query';
}
