/** A reference to who did something (actor) or what it was done to (subject). */
export interface Ref {
  type: string;
  id: string;
  [key: string]: unknown;
}

export type Outcome = 'success' | 'failure';

export interface Correlation {
  trace_id: string;
  span_id?: string;
  parent_span_id?: string;
  request_id?: string;
  session_id?: string;
  flow_id?: string;
}

export interface EventError {
  type: string;
  message: string;
  stack?: string;
}

export interface Platform {
  service: string;
  environment: string;
  version?: string;
  host: string;
  sdk: string;
  runtime: string;
}

/**
 * The universal event of SPEC section 3. Absent values are omitted, never null,
 * except `correlation.trace_id` which is always present.
 */
export interface UniversalEvent {
  event_id: string;
  timestamp: string;
  event_type: string;
  action: string;
  outcome: Outcome;
  actor?: Ref;
  subject?: Ref;
  correlation: Correlation;
  metadata: Record<string, unknown>;
  error?: EventError;
  platform: Platform;
}
