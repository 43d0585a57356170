import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReceiver, type Receiver } from '../../src/receiver/receiver.js';
import { toLogIngestionEntry } from '../../src/delivery/log-ingestion-entry.js';
import { hex, post, sampleEvent } from './sample-events.js';

let receiver: Receiver;
let base: string;
beforeEach(async () => {
  receiver = createReceiver();
  base = (await receiver.listen(0)).url;
});
afterEach(() => receiver.close());

const entry = { timestamp: '2024-01-01T12:00:00Z', service: 'rails-app', level: 'INFO', message: 'User created', metadata: { user_id: 7 } };

describe('POST /api/v1/logs (Log Ingestion Service API)', () => {
  it('stores one {"log": entry} as a log event and answers 201', async () => {
    const res = await post(`${base}/api/v1/logs`, { log: entry });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ accepted: 1, duplicates: 0 });
    const [event] = receiver.events();
    expect(event).toMatchObject({
      event_id: res.json.id,
      timestamp: '2024-01-01T12:00:00.000Z',
      event_type: 'log',
      action: 'info',
      outcome: 'success',
      metadata: { user_id: 7, message: 'User created', level: 'INFO' },
      platform: { service: 'rails-app' },
      correlation: { trace_id: '00000000000000000000000000000000' },
    });
  });

  it('answers an entry with a bad level with 400 naming the field', async () => {
    const res = await post(`${base}/api/v1/logs`, { log: { ...entry, level: 'LOUD' } });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('log.level must be one of DEBUG, INFO, WARN, WARNING, ERROR, FATAL, CRITICAL');
  });
});

describe('POST /api/v1/logs/batch', () => {
  it('stores valid entries and lists the bad ones under errors', async () => {
    const res = await post(`${base}/api/v1/logs/batch`, { logs: [entry, { ...entry, service: '' }, { ...entry, level: 'error', message: 'boom' }] });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ accepted: 2, duplicates: 0, errors: [{ index: 1, error: 'logs[1].service must be a non-empty string' }] });
    expect(receiver.events().map((e) => [e.action, e.outcome])).toEqual([['info', 'success'], ['error', 'failure']]);
  });

  it('keeps universal fields an agent puts on the entry, so its replays de-duplicate', async () => {
    const traceId = hex(16);
    const agentEntry = { ...entry, event_id: 'evt_fixed_1', event_type: 'http.request', action: 'GET /x', outcome: 'failure', correlation: { trace_id: traceId } };
    await post(`${base}/api/v1/logs/batch`, { logs: [agentEntry] });
    const replay = await post(`${base}/api/v1/logs/batch`, { logs: [agentEntry] });
    expect(replay.json).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(receiver.events()).toEqual([expect.objectContaining({ event_id: 'evt_fixed_1', event_type: 'http.request', outcome: 'failure', correlation: { trace_id: traceId } })]);
  });

  it('gets back the whole event the agent encoded with EZLOGS_FORMAT=log-ingestion', async () => {
    const event = sampleEvent({
      outcome: 'failure', actor: { type: 'user', id: '9' }, error: { type: 'TypeError', message: 'x' },
      correlation: { trace_id: hex(16), span_id: hex(8), request_id: 'req_1' },
      platform: { service: 'shop', environment: 'prod', host: 'web-1', sdk: 'ezlogs-node/0.1.0', runtime: 'unknown', version: '1.4.0' },
    });
    await post(`${base}/api/v1/logs/batch`, { logs: [toLogIngestionEntry(event)] });
    expect(receiver.events()).toEqual([event]);
    expect((await post(`${base}/api/v1/logs/batch`, { logs: [toLogIngestionEntry(event)] })).json).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('answers a body without a logs array with 400', async () => {
    const res = await post(`${base}/api/v1/logs/batch`, [entry]);
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('body must be a JSON object {"logs": [...]}');
  });
});
