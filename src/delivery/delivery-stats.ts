import type { CircuitState, DeliveryHealth } from '../health/health';

/** The engine's counters; `health()` is a copy, so callers can never corrupt them. */
export class DeliveryStats {
  totalRequests = 0;
  successfulRequests = 0;
  failedRequests = 0;
  retries = 0;
  eventsDelivered = 0;
  eventsSpooled = 0;
  eventsReplayed = 0;
  bytesSent = 0;
  rawBytesEncoded = 0;
  wireBytesEncoded = 0;
  lastError: string | undefined;
  lastFailureAt: string | undefined;
  private readonly dropped: Record<string, number> = {};
  private responseMsTotal = 0;

  drop(reason: string, events: number): void {
    if (events > 0) this.dropped[reason] = (this.dropped[reason] ?? 0) + events;
  }

  droppedTotal(): number {
    return Object.values(this.dropped).reduce((sum, n) => sum + n, 0);
  }

  request(durationMs: number, bytes: number): void {
    this.totalRequests += 1;
    this.responseMsTotal += durationMs;
    this.bytesSent += bytes;
  }

  failure(message: string, atMs: number): void {
    this.failedRequests += 1;
    this.lastError = message;
    this.lastFailureAt = new Date(atMs).toISOString();
  }

  encoded(rawBytes: number, wireBytes: number): void {
    this.rawBytesEncoded += rawBytes;
    this.wireBytesEncoded += wireBytes;
  }

  snapshot(live: { circuitState: CircuitState; queueSize: number; spoolBatches: number; spoolBytes: number }): DeliveryHealth {
    return {
      circuit_state: live.circuitState,
      queue_size: live.queueSize,
      spool_batches: live.spoolBatches,
      spool_bytes: live.spoolBytes,
      total_requests: this.totalRequests,
      successful_requests: this.successfulRequests,
      failed_requests: this.failedRequests,
      retries: this.retries,
      events_delivered: this.eventsDelivered,
      events_dropped: { ...this.dropped },
      events_spooled: this.eventsSpooled,
      events_replayed: this.eventsReplayed,
      avg_response_ms: this.totalRequests === 0 ? 0 : Math.round((this.responseMsTotal / this.totalRequests) * 100) / 100,
      bytes_sent: this.bytesSent,
      compression_ratio: this.wireBytesEncoded === 0 ? 1 : Math.round((this.rawBytesEncoded / this.wireBytesEncoded) * 100) / 100,
      last_error: this.lastError,
      last_failure_at: this.lastFailureAt,
    };
  }
}
