import type { FaultOptions } from './faults';
import type { ReceivedRequest } from './received-request';

/** Plain options; the CLI (and only the CLI) turns flags and env into these. */
export interface ReceiverOptions {
  /** Accepted API keys; none (the default) means open. */
  apiKeys?: readonly string[];
  /** Requests per second per key (per client address when open); 0 disables. Default 100. */
  rateLimit?: number;
  /** Requests a key may send at once. Default 200. */
  burst?: number;
  /** Bytes on the wire per request. Default 10 MiB. */
  maxBodyBytes?: number;
  /** Bytes after decompression per request. Default 50 MiB. */
  maxDecompressedBytes?: number;
  /** Events held in memory (oldest dropped first). Default 10000. */
  maxEvents?: number;
  /** Recent event ids remembered for de-duplication. Default max(2 x maxEvents, 10000). */
  dedupeWindow?: number;
  /** PostgreSQL URL: events are also stored there (schema created on listen). */
  databaseUrl?: string;
  /** Schema for the events table. Default `ezlogs`. */
  databaseSchema?: string;
  faults?: FaultOptions;
  /** Called after each ingest request is answered (the CLI prints one line per request). */
  onRequest?: (request: ReceivedRequest) => void;
  /** Injected for tests of the rate limit and fault windows. */
  now?: () => number;
  random?: () => number;
}

export const receiverDefaults = {
  rateLimit: 100,
  burst: 200,
  maxBodyBytes: 10 * 1024 * 1024,
  maxDecompressedBytes: 50 * 1024 * 1024,
  maxEvents: 10_000,
  port: 4800,
  host: '127.0.0.1',
} as const;
