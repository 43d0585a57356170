import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip, gzipSync } from 'node:zlib';
import { childBatchId } from './batch-id';
import type { EncodedBatch, WireFormat } from './encoded-batch';
import { unwrapItems, wrapItems } from './wire-format';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export interface Compression {
  enabled: boolean;
  /** Bodies at or below this many bytes go uncompressed: gzip would cost more than it saves. */
  threshold: number;
}

export interface BatchDraft {
  id: string;
  format: WireFormat;
  items: readonly string[];
}

/** gzip runs on the libuv pool, off the app's thread. */
export async function encodeBatch(draft: BatchDraft, compression: Compression): Promise<EncodedBatch> {
  const raw = Buffer.from(wrapItems(draft.items, draft.format));
  const gzipped = compression.enabled && raw.length > compression.threshold;
  const body = gzipped ? await gzipAsync(raw) : raw;
  return { id: draft.id, format: draft.format, count: draft.items.length, gzipped, body, rawBytes: raw.length };
}

/** For process 'exit', where nothing asynchronous runs any more. */
export function encodeBatchSync(draft: BatchDraft, compression: Compression): EncodedBatch {
  const raw = Buffer.from(wrapItems(draft.items, draft.format));
  const gzipped = compression.enabled && raw.length > compression.threshold;
  const body = gzipped ? gzipSync(raw) : raw;
  return { id: draft.id, format: draft.format, count: draft.items.length, gzipped, body, rawBytes: raw.length };
}

/** The two halves of a batch the server found too large (413); undefined when it holds one event. */
export async function splitBatch(batch: EncodedBatch, compression: Compression): Promise<[EncodedBatch, EncodedBatch] | undefined> {
  if (batch.count < 2) return undefined;
  const raw = batch.gzipped ? await gunzipAsync(batch.body) : batch.body;
  const items = unwrapItems(raw.toString('utf8'), batch.format).map((item) => JSON.stringify(item));
  const middle = Math.ceil(items.length / 2);
  return Promise.all([
    encodeBatch({ id: childBatchId(batch.id, 0), format: batch.format, items: items.slice(0, middle) }, compression),
    encodeBatch({ id: childBatchId(batch.id, 1), format: batch.format, items: items.slice(middle) }, compression),
  ]);
}

export function decodeBodySync(batch: EncodedBatch): string {
  return (batch.gzipped ? gunzipSync(batch.body) : batch.body).toString('utf8');
}
