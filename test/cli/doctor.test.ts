import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/cli/doctor.js';
import { createReceiver, type Receiver } from '../../src/receiver/receiver.js';
import { captureIo } from './capture-io.js';

let receiver: Receiver | undefined;
afterEach(() => receiver?.close());

async function receiverWithKey(): Promise<string> {
  receiver = createReceiver({ apiKeys: ['right-key'] });
  return (await receiver.listen(0)).eventsUrl;
}

const appPackage = { name: 'shop', version: '1.2.3' };

describe('ezlogs doctor', () => {
  it('prints every option with its value and source, masking the key, and reports the key accepted', async () => {
    const endpoint = await receiverWithKey();
    const io = captureIo({ EZLOGS_ENDPOINT: endpoint, EZLOGS_API_KEY: 'right-key', EZLOGS_BATCH_SIZE: '50' });
    const result = await runDoctor(io, { appPackage });
    const text = io.text();
    expect(result.code).toBe(0);
    expect(text).toMatch(/EZLOGS_BATCH_SIZE\s+50\s+env/);
    expect(text).toMatch(/EZLOGS_FLUSH_INTERVAL_MS\s+2000\s+default/);
    expect(text).toMatch(/EZLOGS_SERVICE_NAME\s+shop\s+default/);
    expect(text).toMatch(/EZLOGS_API_KEY\s+<set>\s+env/);
    expect(text).not.toContain('right-key');
    expect(text).toContain('problems: none');
    expect(text).toContain(`endpoint: ${endpoint} reachable, answered 200, key accepted`);
    expect(receiver?.requests()).toEqual([expect.objectContaining({ path: '/events', status: 200, accepted: 0 })]);
  });

  it('says when the endpoint refuses the key, and exits 1', async () => {
    const endpoint = await receiverWithKey();
    const io = captureIo({ EZLOGS_ENDPOINT: endpoint, EZLOGS_API_KEY: 'wrong-key' });
    const result = await runDoctor(io, { appPackage });
    expect(result.code).toBe(1);
    expect(io.text()).toContain('reachable, but the key was refused: 403 (invalid API key)');
  });

  it('says when the endpoint wants a key and none is set', async () => {
    const endpoint = await receiverWithKey();
    const io = captureIo({ EZLOGS_ENDPOINT: endpoint });
    await runDoctor(io, { appPackage });
    expect(io.text()).toContain('reachable, but it wants a key (set EZLOGS_API_KEY): 401');
  });

  it('says when nothing listens at the endpoint', async () => {
    const closed = createReceiver();
    const { eventsUrl } = await closed.listen(0);
    await closed.close();
    const io = captureIo({ EZLOGS_ENDPOINT: eventsUrl });
    const result = await runDoctor(io, { appPackage });
    expect(result.code).toBe(1);
    expect(io.text()).toContain(`endpoint: ${eventsUrl} unreachable: ECONNREFUSED`);
  });

  it('lists configuration problems and exits 1', async () => {
    const endpoint = await receiverWithKey();
    const io = captureIo({ EZLOGS_ENDPOINT: endpoint, EZLOGS_API_KEY: 'right-key', EZLOGS_SAMPLE_RATE: '7' });
    const result = await runDoctor(io, { appPackage });
    expect(result.code).toBe(1);
    expect(io.text()).toContain('problems: 1\n  - EZLOGS_SAMPLE_RATE="7" is invalid: expected a number from 0 to 1; using the default (1)');
  });

  it('checks the log-ingestion shape when EZLOGS_FORMAT=log-ingestion', async () => {
    receiver = createReceiver();
    const { url } = await receiver.listen(0);
    const io = captureIo({ EZLOGS_ENDPOINT: `${url}/api/v1/logs/batch`, EZLOGS_FORMAT: 'log-ingestion' });
    expect((await runDoctor(io, { appPackage })).code).toBe(0);
    expect(receiver.requests()[0]).toMatchObject({ path: '/api/v1/logs/batch', status: 200 });
  });
});
