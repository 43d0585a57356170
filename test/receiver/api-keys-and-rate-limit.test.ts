import { afterEach, describe, expect, it } from 'vitest';
import { createReceiver, type Receiver } from '../../src/receiver/receiver.js';
import { post, sampleEvent } from './sample-events.js';

let receiver: Receiver | undefined;
afterEach(() => receiver?.close());

async function start(options: Parameters<typeof createReceiver>[0]): Promise<string> {
  receiver = createReceiver(options);
  return (await receiver.listen(0)).url;
}

describe('API keys', () => {
  it('refuses a request without a key with 401 when keys are configured', async () => {
    const base = await start({ apiKeys: ['k1'] });
    const res = await post(`${base}/events`, [sampleEvent()]);
    expect(res.status).toBe(401);
    expect(res.json.error).toMatch(/missing API key/);
    expect(receiver?.events()).toEqual([]);
  });

  it('refuses an unknown key with 403', async () => {
    const base = await start({ apiKeys: ['k1'] });
    expect((await post(`${base}/events`, [], { 'x-api-key': 'k2' })).status).toBe(403);
  });

  it('accepts any configured key as X-API-Key or Authorization: Bearer', async () => {
    const base = await start({ apiKeys: ['k1', 'k2'] });
    expect((await post(`${base}/events`, [sampleEvent()], { 'x-api-key': 'k2' })).status).toBe(200);
    expect((await post(`${base}/api/v1/logs/batch`, { logs: [] }, { authorization: 'Bearer k1' })).status).toBe(200);
  });

  it('never records the key itself', async () => {
    const base = await start({ apiKeys: ['super-secret-key'] });
    await post(`${base}/events`, [], { 'x-api-key': 'super-secret-key' });
    expect(JSON.stringify(receiver?.requests())).not.toContain('super-secret-key');
  });

  it('keeps /health open', async () => {
    const base = await start({ apiKeys: ['k1'] });
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a key spends its burst, and refills at the rate', async () => {
    let now = 1_000_000;
    const base = await start({ apiKeys: ['a', 'b'], rateLimit: 2, burst: 3, now: () => now });
    const send = (key: string): Promise<number> => post(`${base}/events`, [], { 'x-api-key': key }).then((r) => r.status);
    expect([await send('a'), await send('a'), await send('a')]).toEqual([200, 200, 200]);
    const limited = await post(`${base}/events`, [], { 'x-api-key': 'a' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await send('b')).toBe(200);
    now += 500; // 2/s refills one token in 500 ms
    expect([await send('a'), await send('a')]).toEqual([200, 429]);
    expect(receiver?.stats().rate_limited).toBe(2);
  });

  it('defaults to 100 requests per second with a burst of 200', async () => {
    const now = 5_000;
    const base = await start({ now: () => now });
    const statuses: number[] = [];
    for (let i = 0; i < 201; i += 1) statuses.push((await post(`${base}/events`, [])).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(200);
    expect(statuses[200]).toBe(429);
  });
});
