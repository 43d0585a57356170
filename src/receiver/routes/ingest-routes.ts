import type { BodyError, MappedBody, Rejection } from '../ingest-result';
import { mapEventsBody } from '../events-mapping';
import { mapLogBatch, mapSingleLog } from '../log-ingestion-mapping';
import { mapOtlpLogs } from '../otlp-mapping';

export interface IngestOutcome {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
  ids: string[];
}

/** One POST endpoint: how its body becomes events and how its answers are shaped. */
export interface IngestRoute {
  path: string;
  map(body: unknown): MappedBody | BodyError;
  answer(outcome: IngestOutcome): { status: number; body: unknown };
  error(message: string): unknown;
}

const plainError = (message: string): unknown => ({ error: message });

export const ingestRoutes: readonly IngestRoute[] = [
  {
    // SPEC section 4.
    path: '/events',
    map: mapEventsBody,
    answer: ({ accepted, duplicates, rejected }) => ({ status: 200, body: { accepted, duplicates, rejected } }),
    error: plainError,
  },
  {
    // Seed 001: one entry, answered 201.
    path: '/api/v1/logs',
    map: mapSingleLog,
    answer: ({ accepted, duplicates, ids }) => ({ status: 201, body: { accepted, duplicates, id: ids[0] } }),
    error: plainError,
  },
  {
    // Seed 001 reads `errors`; `rejected` is the same list under the SPEC section 4 name.
    path: '/api/v1/logs/batch',
    map: mapLogBatch,
    answer: ({ accepted, duplicates, rejected }) => ({ status: 200, body: { accepted, duplicates, errors: rejected, rejected } }),
    error: plainError,
  },
  {
    // OTLP/HTTP: an ExportLogsServiceResponse, errors as a google.rpc.Status (code 3 = INVALID_ARGUMENT).
    path: '/v1/logs',
    map: mapOtlpLogs,
    answer: ({ rejected }) => ({
      status: 200,
      body: rejected.length === 0 ? {} : { partialSuccess: { rejectedLogRecords: String(rejected.length), errorMessage: rejected.map((r) => `record ${r.index}: ${r.error}`).slice(0, 10).join('; ') } },
    }),
    error: (message) => ({ code: 3, message, error: message }),
  },
];

export function findIngestRoute(path: string): IngestRoute | undefined {
  return ingestRoutes.find((r) => r.path === path);
}
