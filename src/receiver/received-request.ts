import type { IncomingHttpHeaders } from 'node:http';

/** One ingest request as the receiver saw it, for tests of the sender (headers, batch ids, retries). */
export interface ReceivedRequest {
  at: string;
  method: string;
  path: string;
  /** Headers with credentials masked as `<set>`. */
  headers: Record<string, string>;
  status: number;
  wire_bytes: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

const masked = new Set(['x-api-key', 'authorization', 'cookie']);

export function safeHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = masked.has(name) ? '<set>' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
