import type { UniversalEvent } from '../events/universal-event';

/** One entry of the Log Ingestion Service API (seed 001): `{timestamp, service, level, message, metadata}`. */
export interface LogIngestionEntry {
  timestamp: string;
  service: string;
  level: string;
  message: string;
  metadata: Record<string, unknown>;
}

const logLevels: Record<string, string> = {
  trace: 'DEBUG', debug: 'DEBUG', info: 'INFO', warn: 'WARN', warning: 'WARN', error: 'ERROR', fatal: 'FATAL', critical: 'CRITICAL',
};

/**
 * The service knows only levels and free metadata, so everything else of the universal event
 * (ids, correlation, actor, error) rides in `metadata` where queries can still reach it.
 */
export function toLogIngestionEntry(event: UniversalEvent): LogIngestionEntry {
  const level = event.event_type === 'log'
    ? logLevels[event.action.toLowerCase()] ?? 'INFO'
    : event.outcome === 'failure' ? 'ERROR' : 'INFO';
  const metadata: Record<string, unknown> = {
    ...event.metadata,
    event_id: event.event_id,
    event_type: event.event_type,
    action: event.action,
    outcome: event.outcome,
    correlation: event.correlation,
    environment: event.platform.environment,
    host: event.platform.host,
    sdk: event.platform.sdk,
  };
  if (event.actor !== undefined) metadata.actor = event.actor;
  if (event.subject !== undefined) metadata.subject = event.subject;
  if (event.error !== undefined) metadata.error = event.error;
  if (event.platform.version !== undefined) metadata.version = event.platform.version;
  const message = event.event_type === 'log' && typeof event.metadata.message === 'string'
    ? event.metadata.message
    : `${event.event_type} ${event.action}`;
  return { timestamp: event.timestamp, service: event.platform.service, level, message, metadata };
}
