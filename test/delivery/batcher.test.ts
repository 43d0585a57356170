import { describe, expect, it } from 'vitest';
import { Batcher, type BatcherOptions } from '../../src/delivery/batcher.js';
import type { BatchDraft } from '../../src/delivery/encode-batch.js';
import type { UniversalEvent } from '../../src/events/universal-event.js';

const platform = Object.freeze({ service: 'shop', environment: 'test', host: 'h', sdk: 'ezlogs-node/0.1.0', runtime: 'node/20' });

function event(i: number, metadata: Record<string, unknown> = {}): UniversalEvent {
  return {
    event_id: `evt_${i}`, timestamp: '2026-01-01T00:00:00.000Z', event_type: 'custom', action: `a${i}`, outcome: 'success',
    correlation: { trace_id: 't' }, metadata, platform,
  };
}

function setup(options: Partial<BatcherOptions> = {}): { batcher: Batcher; drops: string[] } {
  const drops: string[] = [];
  const batcher = new Batcher({ batchSize: 10, maxBatchBytes: 1_000_000, format: 'events', onDropped: (reason, n) => drops.push(`${reason}:${n}`), ...options });
  return { batcher, drops };
}

const ids = (draft: BatchDraft | undefined): unknown[] => (JSON.parse(draft?.body.toString() ?? '[]') as UniversalEvent[]).map((e) => e.event_id);

describe('Batcher', () => {
  it('cuts the oldest batchSize events into one body, byte for byte the JSON of each event joined', () => {
    const { batcher } = setup({ batchSize: 3 });
    const events = [0, 1, 2, 3].map((i) => event(i, { n: i, s: 'é"\n' }));
    for (const e of events) batcher.push(e);
    const draft = batcher.cut();
    expect(draft?.count).toBe(3);
    expect(draft?.body.toString()).toBe(`[${events.slice(0, 3).map((e) => JSON.stringify(e)).join(',')}]`);
    expect(batcher.size()).toBe(1);
    expect(ids(batcher.cut())).toEqual(['evt_3']);
    expect(batcher.cut()).toBeUndefined();
  });

  it('writes pushed events into the batch being filled and hands a batch out only once it is full', () => {
    const { batcher } = setup({ batchSize: 3 });
    const events = [0, 1, 2, 3, 4].map((i) => event(i));
    for (const e of events.slice(0, 2)) batcher.push(e);
    batcher.absorb();
    expect(batcher.takeFull()).toBeUndefined();
    expect(batcher.hasWork()).toBe(false);
    expect(batcher.size()).toBe(2);
    for (const e of events.slice(2)) batcher.push(e);
    expect(batcher.hasWork()).toBe(true);
    batcher.absorb();
    const full = batcher.takeFull();
    expect(ids(full)).toEqual(['evt_0', 'evt_1', 'evt_2']);
    expect(batcher.takeFull()).toBeUndefined();
    expect(batcher.size()).toBe(2);
    // A flush takes the partial batch too.
    expect(ids(batcher.cut())).toEqual(['evt_3', 'evt_4']);
    expect(batcher.size()).toBe(0);
  });

  it('serializes no more than the limit per absorb, so a backlog is worked off a batch at a time', () => {
    const { batcher } = setup({ batchSize: 100 });
    for (let i = 0; i < 250; i++) batcher.push(event(i));
    batcher.absorb(100);
    expect(batcher.takeFull()?.count).toBe(100);
    expect(batcher.takeFull()).toBeUndefined();
    expect(batcher.hasWork()).toBe(true);
    batcher.absorb(100);
    batcher.absorb(100);
    expect(batcher.takeFull()?.count).toBe(100);
    expect(batcher.hasWork()).toBe(false);
    expect(batcher.cut()?.count).toBe(50);
  });

  it('grows the batch being filled for an event larger than its first allocation, byte for byte', () => {
    const { batcher } = setup({ batchSize: 100 });
    const events = [event(0), event(1, { big: 'y'.repeat(40_000) }), event(2)];
    for (const e of events) batcher.push(e);
    expect(batcher.cut()?.body.toString()).toBe(`[${events.map((e) => JSON.stringify(e)).join(',')}]`);
  });

  it('wraps log-ingestion batches as {"logs":[...]}', () => {
    const { batcher } = setup({ format: 'log-ingestion' });
    batcher.push(event(1));
    const body = JSON.parse(batcher.cut()?.body.toString() ?? '{}') as { logs: { metadata: Record<string, unknown> }[] };
    expect(body.logs).toHaveLength(1);
    expect(body.logs[0]?.metadata.event_id).toBe('evt_1');
  });

  it('keeps every body under the byte cap, carrying the event that did not fit to the next batch', () => {
    const { batcher, drops } = setup({ batchSize: 100, maxBatchBytes: 1_000 });
    for (let i = 0; i < 20; i++) batcher.push(event(i, { pad: 'x'.repeat(150) }));
    const drafts: BatchDraft[] = [];
    for (let d = batcher.cut(); d; d = batcher.cut()) drafts.push(d);
    expect(drafts.length).toBeGreaterThan(4);
    expect(drafts.every((d) => d.body.length <= 1_000)).toBe(true);
    expect(drafts.flatMap(ids)).toEqual(Array.from({ length: 20 }, (_, i) => `evt_${i}`));
    expect(drafts.reduce((n, d) => n + d.count, 0)).toBe(20);
    expect(drops).toEqual([]);
  });

  it('counts the byte cap in UTF-8 bytes, so a body of multi-byte text stays under it', () => {
    const { batcher, drops } = setup({ batchSize: 100, maxBatchBytes: 1_000 });
    // Each event is ~400 characters but ~640 bytes of UTF-8: counted in characters two would fit in 1,000.
    for (let i = 0; i < 6; i++) batcher.push(event(i, { text: '€'.repeat(120) }));
    const drafts: BatchDraft[] = [];
    for (let d = batcher.cut(); d; d = batcher.cut()) drafts.push(d);
    expect(drafts.every((d) => d.body.length <= 1_000)).toBe(true);
    expect(drafts.map((d) => d.count)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(drafts.flatMap(ids)).toEqual(Array.from({ length: 6 }, (_, i) => `evt_${i}`));
    expect(drops).toEqual([]);
  });

  it('grows a body past its first allocation for events too large to write before measuring', () => {
    const { batcher, drops } = setup({ batchSize: 100, maxBatchBytes: 100_000 });
    // 6,000 characters may need 18,000 bytes: more than the first 16 KiB, so each is measured first.
    for (let i = 0; i < 8; i++) batcher.push(event(i, { text: (i % 2 === 0 ? 'x' : '€').repeat(6_000) }));
    const drafts: BatchDraft[] = [];
    for (let d = batcher.cut(); d; d = batcher.cut()) drafts.push(d);
    expect(drafts.every((d) => d.body.length <= 100_000)).toBe(true);
    expect(drafts.flatMap(ids)).toEqual(Array.from({ length: 8 }, (_, i) => `evt_${i}`));
    const texts = drafts.flatMap((d) => (JSON.parse(d.body.toString()) as { metadata: { text: string } }[]).map((e) => e.metadata.text));
    expect(texts.map((t) => t.length)).toEqual(Array.from({ length: 8 }, () => 6_000));
    expect(drops).toEqual([]);
  });

  it('drops only the event JSON cannot hold and keeps its neighbours in order', () => {
    const { batcher, drops } = setup();
    batcher.push(event(1));
    batcher.push(event(2, { big: 10n }));
    batcher.push(event(3));
    const draft = batcher.cut();
    expect(ids(draft)).toEqual(['evt_1', 'evt_3']);
    expect(draft?.count).toBe(2);
    expect(drops).toEqual(['unserializable:1']);
  });

  it('drops an event larger than a whole batch may be', () => {
    const { batcher, drops } = setup({ maxBatchBytes: 500 });
    batcher.push(event(1, { pad: 'x'.repeat(600) }));
    batcher.push(event(2));
    expect(ids(batcher.cut())).toEqual(['evt_2']);
    expect(drops).toEqual(['too_large:1']);
  });
});
