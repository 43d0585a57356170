import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiver, type Receiver } from '../../src/receiver/receiver.js';
import { post, sampleEvent } from './sample-events.js';

let receiver: Receiver | undefined;
afterEach(() => receiver?.close());

async function start(options: Parameters<typeof createReceiver>[0]): Promise<string> {
  receiver = createReceiver(options);
  return (await receiver.listen(0)).url;
}

/**
 * Streams up to `total` bytes as a chunked body (no Content-Length), honouring backpressure,
 * until the server answers or cuts the connection. Reports the status (or socket error) and how much got written.
 */
function streamBody(url: string, total: number): Promise<{ result: number | string; written: number }> {
  return new Promise((resolve) => {
    let written = 0;
    let done = false;
    const finish = (result: number | string): void => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ result, written });
    };
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, timeout: 10_000 }, (res) => {
      res.resume();
      finish(res.statusCode ?? 0);
    });
    req.on('error', (err: NodeJS.ErrnoException) => finish(err.code ?? err.message));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = (): void => {
      while (!done && written < total) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

describe('body limits', () => {
  it('refuses a declared body over the limit with 413 before reading it', async () => {
    const base = await start({ maxBodyBytes: 1024 });
    const res = await post(`${base}/events`, JSON.stringify([sampleEvent({ metadata: { big: 'x'.repeat(2000) } })]));
    expect(res.status).toBe(413);
    expect(res.json.error).toMatch(/exceeds the limit of 1024 bytes/);
    expect(receiver?.events()).toEqual([]);
  });

  it('stops reading a chunked body once it passes the limit and cuts the connection', async () => {
    const base = await start({ maxBodyBytes: 64 * 1024 });
    const { result, written } = await streamBody(`${base}/events`, 256 * 1024 * 1024);
    // The server answers 413 and closes; a client still writing may see the reset first.
    expect([413, 'ECONNRESET', 'EPIPE']).toContain(result);
    expect(written).toBeLessThan(32 * 1024 * 1024);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('refuses a gzip bomb with 413 without inflating it, and stays up', async () => {
    const base = await start({ maxDecompressedBytes: 1024 * 1024 });
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, 0x20), { level: 9 }); // ~200 KB that inflates to 200 MB
    const before = process.memoryUsage().rss;
    const res = await post(`${base}/events`, bomb, { 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    expect(res.json.error).toBe('decompressed body exceeds the limit of 1048576 bytes');
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect((await post(`${base}/events`, [sampleEvent()], {}, true)).json).toMatchObject({ accepted: 1 });
  });

  it('refuses an unknown Content-Encoding with 415', async () => {
    const base = await start({});
    const res = await post(`${base}/events`, '[]', { 'content-encoding': 'br' });
    expect(res.status).toBe(415);
    expect(res.json.error).toMatch(/Content-Encoding br is not supported/);
  });
});
