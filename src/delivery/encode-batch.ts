import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip, gzipSync, type ZlibOptions } from 'node:zlib';
import { childBatchId } from './batch-id';
import type { EncodedBatch, WireFormat } from './encoded-batch';
import { BatchBody } from './batch-body';
import { unwrapItems } from './wire-format';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * zlib's fast deflate (levels 1-3) takes under half the CPU of the default level 6 for ~6% less
 * ratio on event batches (bench/micro/pipeline-stages.bench.mjs --level N: 2.3 -> 1.0 us per
 * event, ratio 12.4 -> 11.6); from level 4 zlib switches to its lazy matcher and the cost jumps.
 */
export const gzipLevel = 3;
/**
 * A batch's whole gzip output (~30 KB for 500 events) fits one 128 KiB output chunk, so the
 * libuv pool is handed the work twice (data, finish) rather than once per 16 KiB default
 * chunk: 90-93k -> 103-115k events/s in interleaved runs of bench/pipeline/pipeline.bench.mjs.
 */
const gzipOptions: ZlibOptions = { level: gzipLevel, chunkSize: 128 * 1024 };

export interface Compression {
  enabled: boolean;
  /** Bodies at or below this many bytes go uncompressed: gzip would cost more than it saves. */
  threshold: number;
}

/** A batch cut from the buffer: its whole body as UTF-8 JSON, not yet compressed. */
export interface BatchDraft {
  id: string;
  format: WireFormat;
  count: number;
  body: Buffer;
}

export function draftOfItems(id: string, format: WireFormat, items: readonly string[]): BatchDraft {
  return { id, format, count: items.length, body: bodyOfItems(items, format) };
}

/** The request body around already-serialized items (SPEC section 4; seed 001 for log-ingestion). */
export function bodyOfItems(items: readonly string[], format: WireFormat): Buffer {
  const body = new BatchBody(format, items.reduce((sum, item) => sum + Buffer.byteLength(item) + 1, 16));
  for (const item of items) body.appendWithin(item, Number.POSITIVE_INFINITY);
  return body.finish();
}

/** gzip runs on the libuv pool, off the app's thread. */
export async function encodeBatch(draft: BatchDraft, compression: Compression): Promise<EncodedBatch> {
  const raw = draft.body;
  const gzipped = compression.enabled && raw.length > compression.threshold;
  const body = gzipped ? await gzipAsync(raw, gzipOptions) : raw;
  return { id: draft.id, format: draft.format, count: draft.count, gzipped, body, rawBytes: raw.length };
}

/** For process 'exit', where nothing asynchronous runs any more. */
export function encodeBatchSync(draft: BatchDraft, compression: Compression): EncodedBatch {
  const raw = draft.body;
  const gzipped = compression.enabled && raw.length > compression.threshold;
  const body = gzipped ? gzipSync(raw, gzipOptions) : raw;
  return { id: draft.id, format: draft.format, count: draft.count, gzipped, body, rawBytes: raw.length };
}

/** The two halves of a batch the server found too large (413); undefined when it holds one event. */
export async function splitBatch(batch: EncodedBatch, compression: Compression): Promise<[EncodedBatch, EncodedBatch] | undefined> {
  if (batch.count < 2) return undefined;
  const raw = batch.gzipped ? await gunzipAsync(batch.body) : batch.body;
  const items = unwrapItems(raw.toString('utf8'), batch.format).map((item) => JSON.stringify(item));
  const middle = Math.ceil(items.length / 2);
  return Promise.all([
    encodeBatch(draftOfItems(childBatchId(batch.id, 0), batch.format, items.slice(0, middle)), compression),
    encodeBatch(draftOfItems(childBatchId(batch.id, 1), batch.format, items.slice(middle)), compression),
  ]);
}

export function decodeBodySync(batch: EncodedBatch): string {
  return (batch.gzipped ? gunzipSync(batch.body) : batch.body).toString('utf8');
}
