import type { UniversalEvent } from '../../src/events/universal-event.js';

export interface FlowStep {
  event: UniversalEvent;
  /** 1 for a direct child of the flow's root. */
  depth: number;
}

export interface Flow {
  traceId: string;
  /** The incoming request that started the trace (else its oldest event). */
  root: UniversalEvent;
  steps: FlowStep[];
  failed: boolean;
  events: UniversalEvent[];
}

export function groupFlows(events: readonly UniversalEvent[]): Flow[];
export function formatFlows(flows: readonly Flow[], receiverUrl: string): string;
