import { diag } from '../diag';
import type { Redactor } from '../redaction/redactor';
import type { EventSink } from './event-sink';
import type { UniversalEvent } from './universal-event';

export interface PipelineCounters {
  created: number;
  sampledOut: number;
  failedToProcess: number;
}

/**
 * The seam between the processors (spans and log records become events) and the sinks
 * (delivery, console, OTLP, test capture): sample, redact once, fan out. Redaction runs
 * before any sink sees the event, so no sink can leak what it did not redact itself.
 */
export class EventPipeline {
  readonly counters: PipelineCounters = { created: 0, sampledOut: 0, failedToProcess: 0 };
  private sinks: EventSink[] = [];

  constructor(
    private readonly redactor: Redactor,
    private readonly keepTrace: (traceId: string) => boolean,
  ) {}

  addSink(sink: EventSink): void {
    this.sinks.push(sink);
  }

  removeSink(sink: EventSink): void {
    this.sinks = this.sinks.filter((s) => s !== sink);
  }

  get sinkNames(): string[] {
    return this.sinks.map((s) => s.name);
  }

  allSinks(): readonly EventSink[] {
    return this.sinks;
  }

  emit(event: UniversalEvent): void {
    this.counters.created++;
    if (event.outcome !== 'failure' && !this.keepTrace(event.correlation.trace_id)) {
      this.counters.sampledOut++;
      return;
    }
    try {
      this.redactor.redactEvent(event);
    } catch (err) {
      // Never let an unredacted event through: drop it, count it, say why once.
      this.counters.failedToProcess++;
      diag.once('warn', 'redaction-failed', `an event could not be redacted and was dropped: ${String(err)}`);
      return;
    }
    const sinks = this.sinks;
    for (let i = 0; i < sinks.length; i++) {
      try {
        (sinks[i] as EventSink).accept(event);
      } catch (err) {
        diag.once('warn', `sink-failed-${(sinks[i] as EventSink).name}`, `sink ${(sinks[i] as EventSink).name} failed to accept an event: ${String(err)}`);
      }
    }
  }
}
