import type { SdkLogRecord } from '@opentelemetry/sdk-logs';
import type { EventError, Outcome } from './universal-event';

/** A log line (pino, winston) -> the parts of a `log` event: action is the level. */
export interface LogShape {
  action: string;
  outcome: Outcome;
  metadata: Record<string, unknown>;
  error: EventError | undefined;
}

// OpenTelemetry severity numbers: 17-20 ERROR, 21-24 FATAL.
const errorSeverity = 17;
const levelBySeverity = ['trace', 'trace', 'trace', 'trace', 'trace', 'debug', 'debug', 'debug', 'debug', 'info', 'info', 'info', 'info', 'warn', 'warn', 'warn', 'warn', 'error', 'error', 'error', 'error', 'fatal', 'fatal', 'fatal', 'fatal'];

export function mapLogRecord(record: SdkLogRecord): LogShape {
  const severity = record.severityNumber ?? 0;
  const level = (record.severityText ?? levelBySeverity[severity] ?? 'info').toLowerCase();
  const metadata: Record<string, unknown> = {};
  const body = record.body;
  if (typeof body === 'string') metadata.message = body;
  else if (body !== undefined && body !== null) metadata.message = body;
  const attributes = record.attributes;
  for (const key in attributes) {
    // Correlation fields injected into log lines duplicate the event's own correlation.
    if (key === 'trace_id' || key === 'span_id' || key === 'trace_flags') continue;
    metadata[key] = attributes[key];
  }
  const logger = record.instrumentationScope?.name;
  // '@opentelemetry/instrumentation-pino' -> 'pino', '@opentelemetry/winston-transport' -> 'winston'.
  if (logger) metadata.logger = logger.replace(/^@opentelemetry\/(?:instrumentation-)?/, '').replace(/-transport$/, '');
  return { action: level, outcome: severity >= errorSeverity ? 'failure' : 'success', metadata, error: errorOf(attributes) };
}

function errorOf(attributes: SdkLogRecord['attributes']): EventError | undefined {
  const type = attributes['exception.type'];
  const message = attributes['exception.message'];
  if (typeof type !== 'string' && typeof message !== 'string') return undefined;
  const stack = attributes['exception.stacktrace'];
  return {
    type: typeof type === 'string' ? type : 'Error',
    message: typeof message === 'string' ? message : '',
    ...(typeof stack === 'string' ? { stack } : {}),
  };
}
