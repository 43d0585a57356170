/** The `health()` snapshot of SPEC section 6, plus what the processor and redaction count. */
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface DeliveryHealth {
  circuit_state: CircuitState;
  queue_size: number;
  spool_batches: number;
  spool_bytes: number;
  total_requests: number;
  successful_requests: number;
  failed_requests: number;
  retries: number;
  events_delivered: number;
  /** Events given up on, by reason (e.g. `rejected_400`, `spool_full`, `too_large`). */
  events_dropped: Record<string, number>;
  events_spooled: number;
  events_replayed: number;
  avg_response_ms: number;
  bytes_sent: number;
  compression_ratio: number;
  last_error: string | undefined;
  last_failure_at: string | undefined;
}

export interface Health extends DeliveryHealth {
  started: boolean;
  exporters: string[];
  events_created: number;
  events_sampled_out: number;
  /** Fields or events cut down to the payload limits (issue 4 counts by kind). */
  truncations: Record<string, number>;
  config_problems: string[];
  /** Per instrumented package: `patched`, `not loaded` or `loaded before agent` (with the fix in the warning). */
  instrumentations: Array<{ instrumentation: string; module: string; state: string; version?: string }>;
}

export function emptyDeliveryHealth(): DeliveryHealth {
  return {
    circuit_state: 'closed',
    queue_size: 0,
    spool_batches: 0,
    spool_bytes: 0,
    total_requests: 0,
    successful_requests: 0,
    failed_requests: 0,
    retries: 0,
    events_delivered: 0,
    events_dropped: {},
    events_spooled: 0,
    events_replayed: 0,
    avg_response_ms: 0,
    bytes_sent: 0,
    compression_ratio: 1,
    last_error: undefined,
    last_failure_at: undefined,
  };
}
