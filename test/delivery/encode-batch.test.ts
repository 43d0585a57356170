import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { childBatchId } from '../../src/delivery/batch-id.js';
import { draftOfItems, encodeBatch, splitBatch } from '../../src/delivery/encode-batch.js';

const items = Array.from({ length: 7 }, (_, i) => JSON.stringify({ event_id: `e${i}`, text: 'same text repeats '.repeat(10) }));
const gzip = { enabled: true, threshold: 1024 };

describe('encodeBatch', () => {
  it('gzips a body above the threshold and the gzip round-trips to the JSON array', async () => {
    const batch = await encodeBatch(draftOfItems('b1', 'events', items), gzip);
    expect(batch.gzipped).toBe(true);
    expect(JSON.parse(gunzipSync(batch.body).toString())).toEqual(items.map((item) => JSON.parse(item)));
    expect(batch.rawBytes / batch.body.length).toBeGreaterThan(3);
  });

  it('leaves a body at or under the threshold as plain JSON', async () => {
    const batch = await encodeBatch(draftOfItems('b1', 'events', items.slice(0, 1)), gzip);
    expect(batch.gzipped).toBe(false);
    expect(JSON.parse(batch.body.toString())).toHaveLength(1);
  });

  it('wraps log-ingestion items as {"logs":[...]}', async () => {
    const batch = await encodeBatch(draftOfItems('b1', 'log-ingestion', items), { enabled: false, threshold: 0 });
    expect((JSON.parse(batch.body.toString()) as { logs: unknown[] }).logs).toHaveLength(7);
  });
});

describe('splitBatch', () => {
  it('halves a batch with ids derived from the parent, the same on every split', async () => {
    const batch = await encodeBatch(draftOfItems('5f0c7a52-3d5e-4b7e-9a51-2b1f0c9d8e7a', 'events', items), gzip);
    const [left, right] = (await splitBatch(batch, gzip)) ?? [];
    expect([left?.count, right?.count]).toEqual([4, 3]);
    expect(left?.id).toBe(childBatchId(batch.id, 0));
    expect(right?.id).toBe(childBatchId(batch.id, 1));
    expect(left?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(left?.id).not.toBe(right?.id);
  });

  it('cannot split a single event', async () => {
    const batch = await encodeBatch(draftOfItems('b', 'events', items.slice(0, 1)), gzip);
    expect(await splitBatch(batch, gzip)).toBeUndefined();
  });
});
