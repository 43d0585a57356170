import { afterEach, describe, expect, it } from 'vitest';
import { createReceiver, type Receiver } from '../../src/receiver/receiver.js';
import { post, sampleEvent } from './sample-events.js';

let receiver: Receiver | undefined;
afterEach(() => receiver?.close());

describe('fault injection', () => {
  it('--fail-rate answers that fraction of ingest requests 503 and stores nothing from them', async () => {
    const rolls = [0.1, 0.9, 0.2, 0.8];
    receiver = createReceiver({ faults: { failRate: 0.5 }, random: () => rolls.shift() ?? 0.99 });
    const { url } = await receiver.listen(0);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await post(`${url}/events`, [sampleEvent()])).status);
    expect(statuses).toEqual([503, 200, 503, 200]);
    expect(receiver.events()).toHaveLength(2);
    expect(receiver.stats().faults_injected).toBe(2);
  });

  it('--down-for-ms answers 503 (and /health says down) until the window passes', async () => {
    let now = 0;
    receiver = createReceiver({ faults: { downForMs: 1000 }, now: () => now });
    const { url } = await receiver.listen(0);
    expect((await post(`${url}/events`, [sampleEvent()])).json).toEqual({ error: 'receiver is down (injected by --down-for-ms)' });
    expect((await fetch(`${url}/health`)).status).toBe(503);
    now = 1000;
    expect((await post(`${url}/events`, [sampleEvent()])).status).toBe(200);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it('--latency-ms delays each answer', async () => {
    receiver = createReceiver({ faults: { latencyMs: 150 } });
    const { url } = await receiver.listen(0);
    const started = performance.now();
    await post(`${url}/events`, []);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('setFaults changes faults at runtime', async () => {
    receiver = createReceiver();
    const { url } = await receiver.listen(0);
    receiver.setFaults({ failRate: 1 });
    expect((await post(`${url}/events`, [])).status).toBe(503);
    receiver.setFaults({ failRate: 0 });
    expect((await post(`${url}/events`, [])).status).toBe(200);
  });
});
