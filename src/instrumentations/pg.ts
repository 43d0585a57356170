import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import type * as PgModule from '@opentelemetry/instrumentation-pg';
import type { InstrumentationContext } from './instrumentation-context';

export function createPgInstrumentation(_ctx: InstrumentationContext): InstrumentationBase {
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof PgModule;
  return new PgInstrumentation({
    // Parameter values are where the PII is; the statement's shape is what the event needs.
    enhancedDatabaseReporting: false,
    // Pool connects are plumbing: one per query on a busy pool, never an event of the app.
    ignoreConnectSpans: true,
    responseHook: (span, { data }) => {
      if (typeof data.rowCount === 'number') span.setAttribute('db.response.returned_rows', data.rowCount);
    },
  });
}
