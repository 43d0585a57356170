import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/receiver/storage/memory-store.js';
import { RecentIds } from '../../src/receiver/storage/recent-ids.js';
import { sampleEvent } from './sample-events.js';

describe('MemoryStore', () => {
  it('numbers events in arrival order and queries those after a sequence number', () => {
    const store = new MemoryStore(10);
    const [a, b, c] = [sampleEvent(), sampleEvent({ outcome: 'failure' }), sampleEvent()];
    store.add([a, b, c]);
    expect(store.query({ after: 1 }).map((s) => [s.seq, s.event.event_id])).toEqual([[2, b.event_id], [3, c.event_id]]);
    expect(store.query({ outcome: 'failure' }).map((s) => s.event.event_id)).toEqual([b.event_id]);
    expect(store.query({ limit: 1 }).map((s) => s.event.event_id)).toEqual([c.event_id]);
  });

  it('overwrites the oldest once full', () => {
    const store = new MemoryStore(2);
    const events = [sampleEvent(), sampleEvent(), sampleEvent()];
    store.add(events);
    expect(store.all().map((s) => s.seq)).toEqual([2, 3]);
    expect(store.size).toBe(2);
  });
});

describe('RecentIds', () => {
  it('forgets the oldest id past its capacity', () => {
    const ids = new RecentIds(2);
    ids.add('a');
    ids.add('b');
    ids.add('a');
    ids.add('c');
    expect(['a', 'b', 'c'].map((id) => ids.has(id))).toEqual([false, true, true]);
    expect(ids.size).toBe(2);
  });
});
