import { context, type HrTime } from '@opentelemetry/api';
import { ExportResultCode, millisToHrTime, suppressTracing, type ExportResult } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { Config } from '../config/config';
import { diag } from '../diag';
import type { EventSink } from '../events/event-sink';
import type { UniversalEvent } from '../events/universal-event';
import { toOtlpLogRecord } from './otlp-log-record';
import { createResourceCache } from './otlp-resource';

export interface OtlpSinkOptions {
  /** Where records go; by default `OTLPLogExporter` (OTLP/HTTP JSON), configured by `OTEL_EXPORTER_OTLP_*`. */
  exporter?: LogRecordExporter;
}

export type OtlpDropReason = 'queue_full' | 'export_failed' | 'unmappable' | 'shutdown';

export interface OtlpSinkStats {
  exported: number;
  exports: number;
  failedExports: number;
  dropped: Record<OtlpDropReason, number>;
  queued: number;
}

export interface OtlpSink extends EventSink {
  stats(): OtlpSinkStats;
}

/**
 * `EZLOGS_EXPORTER=otlp`: universal events as OTLP log records, for a Collector.
 *
 * Batching is ours rather than sdk-logs' BatchLogRecordProcessor because the processor takes
 * records from a LoggerProvider: that would fix one resource per provider (we keep each event's
 * platform), cut attributes at OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT (128 by default, silently
 * losing metadata) and take trace ids from the active context instead of the event. A bounded
 * queue, one export in flight, and counted drops are all it needs.
 *
 * No spool here: at-least-once delivery is the Collector's job (its persistent sending queue);
 * the agent's direct `ezlogs` exporter is the one with a disk fallback.
 */
export function createOtlpSink(config: Readonly<Config>, options: OtlpSinkOptions = {}): OtlpSink {
  return new OtlpBatchSink(config, options.exporter ?? defaultExporter());
}

function defaultExporter(): LogRecordExporter {
  try {
    return new OTLPLogExporter();
  } catch (err) {
    diag.error(`otlp: could not create the OTLP exporter, events for it are dropped: ${String(err)}`);
    return {
      export: (_logs, done) => done({ code: ExportResultCode.FAILED, error: err instanceof Error ? err : new Error(String(err)) }),
      shutdown: () => Promise.resolve(),
      forceFlush: () => Promise.resolve(),
    };
  }
}

class OtlpBatchSink implements OtlpSink {
  readonly name = 'otlp';
  private queue: UniversalEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private readonly resources = createResourceCache();
  private readonly counts: Omit<OtlpSinkStats, 'queued'> = {
    exported: 0,
    exports: 0,
    failedExports: 0,
    dropped: { queue_full: 0, export_failed: 0, unmappable: 0, shutdown: 0 },
  };

  constructor(
    private readonly config: Readonly<Config>,
    private readonly exporter: LogRecordExporter,
  ) {}

  accept(event: UniversalEvent): void {
    if (this.closing) return this.drop('shutdown', 1);
    if (this.queue.length >= this.config.bufferSize) {
      diag.once('warn', 'otlp-queue-full', `otlp: queue full (${this.config.bufferSize} events, EZLOGS_BUFFER_SIZE); new events are dropped and counted until the exporter catches up`);
      return this.drop('queue_full', 1);
    }
    this.queue.push(event);
    if (this.queue.length >= this.config.batchSize) this.kick();
    else if (!this.sending) this.armTimer();
  }

  flush(): Promise<void> {
    this.kick();
    return this.sending ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.closing ??= this.close().catch(() => undefined);
    return this.closing;
  }

  stats(): OtlpSinkStats {
    return { ...this.counts, dropped: { ...this.counts.dropped }, queued: this.queue.length };
  }

  private async close(): Promise<void> {
    const deadline = Date.now() + this.config.shutdownTimeoutMs;
    const drained = await settlesBefore(this.flush(), deadline);
    if (!drained && this.queue.length > 0) {
      diag.warn(`otlp: shutdown deadline (${this.config.shutdownTimeoutMs} ms) passed; ${this.queue.length} queued events dropped`);
      this.drop('shutdown', this.queue.length);
      this.queue = [];
    }
    await settlesBefore(Promise.resolve().then(() => this.exporter.shutdown()), deadline);
  }

  /** Starts the drain loop unless it runs; it exports until the queue is empty. */
  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sending || this.queue.length === 0) return;
    this.sending = this.drain().finally(() => {
      this.sending = undefined;
      // Events accepted between the loop's last look and now must not wait for the next one.
      if (this.queue.length > 0) this.armTimer();
    });
  }

  private armTimer(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.kick(), this.config.flushIntervalMs);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.config.batchSize);
      await this.exportBatch(batch);
    }
  }

  private exportBatch(events: UniversalEvent[]): Promise<void> {
    const observed: HrTime = millisToHrTime(Date.now());
    const records: ReadableLogRecord[] = [];
    for (const event of events) {
      try {
        records.push(toOtlpLogRecord(event, this.resources(event.platform), observed));
      } catch (err) {
        diag.once('warn', 'otlp-unmappable', `otlp: an event could not be mapped to a log record and was dropped: ${String(err)}`);
        this.drop('unmappable', 1);
      }
    }
    if (records.length === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let settled = false;
      const done = (result: ExportResult): void => {
        if (settled) return;
        settled = true;
        this.record(result, records.length);
        resolve();
      };
      try {
        // Our own POST must never become a span, an event, and another POST.
        context.with(suppressTracing(context.active()), () => this.exporter.export(records, done));
      } catch (err) {
        done({ code: ExportResultCode.FAILED, error: err instanceof Error ? err : new Error(String(err)) });
      }
    });
  }

  private record(result: ExportResult, count: number): void {
    this.counts.exports += 1;
    if (result.code === ExportResultCode.SUCCESS) {
      this.counts.exported += count;
      diag.debug(`otlp: exported ${count} events`);
      return;
    }
    this.counts.failedExports += 1;
    this.drop('export_failed', count);
    const reason = describeFailure(result.error);
    diag.once('warn', 'otlp-export-failed', `otlp: export of ${count} events failed (${reason}); later failures are counted, shown with EZLOGS_DEBUG=1`);
    diag.debug(`otlp: export of ${count} events failed: ${reason}`);
  }

  private drop(reason: OtlpDropReason, count: number): void {
    this.counts.dropped[reason] += count;
  }
}

/**
 * A 404 (405 from the dev receiver) is nearly always the classic endpoint mistake:
 * OTEL_EXPORTER_OTLP_ENDPOINT is a base URL that gets `/v1/logs` appended, so setting it to
 * `.../v1/logs` posts to `.../v1/logs/v1/logs`.
 */
function describeFailure(error: Error | undefined): string {
  if (!error) return 'unknown error';
  const status = (error as Error & { code?: unknown }).code;
  if (status === 404 || status === 405) {
    return `HTTP ${status}: OTEL_EXPORTER_OTLP_ENDPOINT is a base URL (/v1/logs is appended to it); for a full URL use OTEL_EXPORTER_OTLP_LOGS_ENDPOINT`;
  }
  return typeof status === 'number' ? `HTTP ${status} ${error.message}` : error.message;
}

/** True if `work` settled before `deadline`; the timer never holds the process open. */
function settlesBefore(work: Promise<unknown>, deadline: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
    timer.unref();
    work.then(
      () => resolve(true),
      () => resolve(true),
    ).finally(() => clearTimeout(timer));
  });
}
