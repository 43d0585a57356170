import { deflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReceiver, type Receiver } from '../../src/receiver/receiver.js';
import { post, sampleEvent } from './sample-events.js';

let receiver: Receiver;
let base: string;

beforeEach(async () => {
  receiver = createReceiver();
  base = (await receiver.listen(0)).url;
});
afterEach(() => receiver.close());

describe('POST /events', () => {
  it('stores a batch of universal events and reports what it accepted', async () => {
    const batch = [sampleEvent(), sampleEvent({ event_type: 'db.query', action: 'SELECT orders' })];
    const res = await post(`${base}/events`, batch);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(receiver.events().map((e) => e.event_id)).toEqual(batch.map((e) => e.event_id));
  });

  it('accepts a gzip body', async () => {
    const res = await post(`${base}/events`, [sampleEvent()], {}, true);
    expect(res.json).toMatchObject({ accepted: 1 });
    expect(receiver.requests()[0]?.headers['content-encoding']).toBe('gzip');
  });

  it('accepts a deflate body', async () => {
    const res = await fetch(`${base}/events`, { method: 'POST', body: deflateSync(JSON.stringify([sampleEvent()])), headers: { 'content-encoding': 'deflate' } });
    expect(await res.json()).toMatchObject({ accepted: 1 });
  });

  it('counts a replayed batch as duplicates and stores it once', async () => {
    const batch = [sampleEvent(), sampleEvent(), sampleEvent()];
    await post(`${base}/events`, batch);
    const replay = await post(`${base}/events`, batch);
    expect(replay.json).toEqual({ accepted: 0, duplicates: 3, rejected: [] });
    expect(receiver.events()).toHaveLength(3);
    expect(receiver.stats()).toMatchObject({ events_accepted: 3, events_duplicate: 3 });
  });

  it('counts a repeated event_id inside one batch as a duplicate', async () => {
    const e = sampleEvent();
    const res = await post(`${base}/events`, [e, { ...e }]);
    expect(res.json).toMatchObject({ accepted: 1, duplicates: 1 });
  });

  it('rejects invalid events by index, naming the field, and stores the rest', async () => {
    const good = sampleEvent();
    const res = await post(`${base}/events`, [{ ...sampleEvent(), outcome: 'maybe' }, good, { ...sampleEvent(), correlation: {} }, 42]);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { index: 0, error: 'outcome must be "success" or "failure"' },
        { index: 2, error: 'correlation.trace_id must be a string' },
        { index: 3, error: 'event must be a JSON object' },
      ],
    });
    expect(receiver.events().map((e) => e.event_id)).toEqual([good.event_id]);
  });

  it('answers malformed JSON with 400 and the parser message', async () => {
    const res = await post(`${base}/events`, '[{"event_id": "x",');
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/^malformed JSON: .*JSON/);
  });

  it('answers a body that is not an array with 400', async () => {
    const res = await post(`${base}/events`, { event_id: 'x' });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('body must be a JSON array of universal events');
  });

  it('answers 400 for a body that claims gzip but is not', async () => {
    const res = await post(`${base}/events`, '[]', { 'content-encoding': 'gzip' });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/^body is not valid gzip/);
  });

  it('accepts an empty array (what `ezlogs doctor` sends)', async () => {
    expect((await post(`${base}/events`, [])).json).toEqual({ accepted: 0, duplicates: 0, rejected: [] });
  });

  it('answers GET with 405', async () => {
    const res = await fetch(`${base}/events`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('other routes', () => {
  it('GET /health answers {"status":"healthy"}', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'healthy' });
  });

  it('answers an unknown path with 404', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('GET /api/events returns events after a sequence number, with filters', async () => {
    const failed = sampleEvent({ outcome: 'failure', event_type: 'job.perform', action: 'emails.send' });
    await post(`${base}/events`, [sampleEvent(), failed]);
    const all = (await (await fetch(`${base}/api/events`)).json()) as { events: { seq: number }[]; last_seq: number; facets: { types: string[] } };
    expect(all.events).toHaveLength(2);
    expect(all.facets.types).toEqual(['http.request', 'job.perform']);
    const after = (await (await fetch(`${base}/api/events?after=${all.events[0]?.seq}`)).json()) as { events: unknown[] };
    expect(after.events).toHaveLength(1);
    const filtered = (await (await fetch(`${base}/api/events?outcome=failure&q=EMAILS`)).json()) as { events: { event: { event_id: string } }[] };
    expect(filtered.events.map((s) => s.event.event_id)).toEqual([failed.event_id]);
  });

  it('GET /api/traces/:id returns the events of one trace', async () => {
    const trace = sampleEvent();
    const child = sampleEvent({ correlation: { trace_id: trace.correlation.trace_id, parent_span_id: trace.correlation.span_id } });
    await post(`${base}/events`, [trace, sampleEvent(), child]);
    const res = (await (await fetch(`${base}/api/traces/${trace.correlation.trace_id}`)).json()) as { events: { event: { event_id: string } }[] };
    expect(res.events.map((s) => s.event.event_id)).toEqual([trace.event_id, child.event_id]);
  });

  it('waitForEvents resolves when the count arrives and rejects with what arrived on timeout', async () => {
    const waiting = receiver.waitForEvents(2, 5000);
    await post(`${base}/events`, [sampleEvent(), sampleEvent()]);
    await expect(waiting).resolves.toHaveLength(2);
    await expect(receiver.waitForEvents(3, 50)).rejects.toThrow(/received 2: http.request GET \/orders\/:id/);
  });

  it('shows the delivery health an agent reports in X-Ezlogs-Health', async () => {
    await post(`${base}/events`, [sampleEvent()], { 'x-ezlogs-health': JSON.stringify({ circuit_state: 'open', queue_size: 7, secret: 'x' }) });
    const res = (await (await fetch(`${base}/api/agents`)).json()) as { agents: { service: string; health: unknown }[] };
    expect(res.agents).toEqual([expect.objectContaining({ service: 'shop', health: { circuit_state: 'open', queue_size: 7 } })]);
  });
});

describe('memory bound', () => {
  it('keeps only the newest maxEvents events but still recognises older replays', async () => {
    const small = createReceiver({ maxEvents: 3 });
    const { url } = await small.listen(0);
    try {
      const batch = Array.from({ length: 5 }, () => sampleEvent());
      await post(`${url}/events`, batch);
      expect(small.events().map((e) => e.event_id)).toEqual(batch.slice(2).map((e) => e.event_id));
      expect((await post(`${url}/events`, batch.slice(0, 2))).json).toMatchObject({ accepted: 0, duplicates: 2 });
    } finally {
      await small.close();
    }
  });
});
