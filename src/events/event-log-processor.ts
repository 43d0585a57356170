import { trace, type Context } from '@opentelemetry/api';
import type { LogRecordProcessor, SdkLogRecord } from '@opentelemetry/sdk-logs';
import { randomBytesFromPool } from '../correlation/random-id';
import { fillCorrelation, scopeFromContext } from '../correlation/scope';
import { diag } from '../diag';
import { newEventId } from './event-id';
import type { EventPipeline } from './event-pipeline';
import { hrTimeToIso } from './hr-time';
import { mapLogRecord, type LogShape } from './map-log-record';
import { takePendingTrack } from './pending-track';
import type { Correlation, Platform, Ref, UniversalEvent } from './universal-event';

/** Log records (from `track()`, later pino/winston) -> universal events, in the trace they were written in. */
export class EventLogProcessor implements LogRecordProcessor {
  constructor(
    private readonly pipeline: EventPipeline,
    private readonly platform: Readonly<Platform>,
  ) {}

  onEmit(record: SdkLogRecord, ctx?: Context): void {
    try {
      const tracked = takePendingTrack();
      const spanContext = record.spanContext ?? (ctx ? trace.getSpanContext(ctx) : undefined);
      const correlation: Correlation = spanContext
        ? { trace_id: spanContext.traceId, span_id: spanContext.spanId }
        : { trace_id: randomBytesFromPool(16).toString('hex') };
      const scope = ctx ? scopeFromContext(ctx) : undefined;
      const fields = tracked?.fields;
      const log = tracked ? undefined : mapLogRecord(record);
      const event: UniversalEvent = {
        event_id: newEventId(),
        timestamp: hrTimeToIso(record.hrTime),
        event_type: tracked ? tracked.eventType : 'log',
        action: tracked ? tracked.action : (log as LogShape).action,
        outcome: log ? log.outcome : fields?.outcome === 'failure' ? 'failure' : 'success',
        correlation,
        // Not copied here: the caller's object may have throwing getters; the redactor snapshots it safely.
        metadata: log ? log.metadata : fields?.metadata && typeof fields.metadata === 'object' ? fields.metadata : {},
        platform: this.platform,
      };
      if (log?.error) event.error = log.error;
      if (scope) fillCorrelation(correlation, scope);
      const actor = isRef(fields?.actor) ? asRef(fields.actor) : scope?.effectiveActor;
      if (actor) event.actor = actor;
      if (isRef(fields?.subject)) event.subject = asRef(fields.subject);
      this.pipeline.emit(event);
    } catch (err) {
      this.pipeline.counters.failedToProcess++;
      diag.once('warn', 'track-failed', `could not turn a tracked event into an event: ${String(err)}`);
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Ids given as numbers are kept as strings: the schema says `id` is a string. */
function asRef(value: Ref): Ref {
  return { ...value, type: String(value.type), id: String(value.id) };
}

function isRef(value: unknown): value is Ref {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (typeof v.type === 'string' || typeof v.type === 'number') && (typeof v.id === 'string' || typeof v.id === 'number');
}
