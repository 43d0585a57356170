import type { DeliveryHealth } from '../health/health';
import { isObject } from './validate-event';

/** Header an agent may add to its batches to show its delivery health on the page. */
export const healthHeader = 'x-ezlogs-health';

export interface AgentReport {
  service: string;
  user_agent: string;
  last_seen: string;
  health: Partial<DeliveryHealth>;
}

/** Only the documented health fields are kept: the header is untrusted input. */
const fields: readonly (keyof DeliveryHealth)[] = [
  'circuit_state', 'queue_size', 'spool_batches', 'spool_bytes', 'total_requests', 'successful_requests', 'failed_requests',
  'retries', 'events_delivered', 'events_dropped', 'events_spooled', 'events_replayed', 'avg_response_ms', 'bytes_sent',
  'compression_ratio', 'last_error', 'last_failure_at',
];

/** The header holds the health snapshot as JSON, or as base64 of that JSON (for non-ASCII text). */
export function parseHealthHeader(value: string | undefined): Partial<DeliveryHealth> | undefined {
  if (value === undefined || value.length > 8192) return undefined;
  const text = value.trim().startsWith('{') ? value : Buffer.from(value, 'base64').toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isObject(parsed)) return undefined;
    const out: Record<string, unknown> = {};
    for (const f of fields) if (parsed[f] !== undefined) out[f] = parsed[f];
    return out as Partial<DeliveryHealth>;
  } catch {
    return undefined;
  }
}

/** Latest report per service, bounded so a noisy sender cannot grow it. */
export class AgentRegistry {
  private readonly reports = new Map<string, AgentReport>();

  constructor(private readonly capacity = 100) {}

  record(report: AgentReport): void {
    this.reports.delete(report.service);
    this.reports.set(report.service, report);
    if (this.reports.size > this.capacity) {
      const oldest = this.reports.keys().next();
      if (!oldest.done) this.reports.delete(oldest.value);
    }
  }

  list(): AgentReport[] {
    return [...this.reports.values()];
  }
}
