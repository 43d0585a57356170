import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpTransport, maxResponseBodyBytes, type Transport } from '../../src/delivery/http-transport.js';

let close: (() => Promise<void>) | undefined;
let transport: Transport | undefined;
afterEach(async () => {
  await transport?.destroy();
  await close?.();
});

const batch = { id: 'b-1', format: 'events' as const, count: 1, gzipped: false, body: Buffer.from('[{}]'), rawBytes: 4 };

describe('http transport', () => {
  it('reads at most 64 KiB of an endless response body, then lets go', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, 'a');
      const pump = (): void => {
        while (res.write(chunk));
        res.once('drain', pump);
      };
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
    transport = createHttpTransport({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`, apiKey: undefined, timeoutMs: 2_000, maxConnections: 1 });
    const result = await transport.send(batch, new AbortController().signal);
    expect(result).toMatchObject({ kind: 'response', status: 200 });
    expect(result.body?.length).toBe(maxResponseBodyBytes);
  });

  it('reports a refused connection as an error code, never a throw', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    transport = createHttpTransport({ endpoint: `http://127.0.0.1:${port}/events`, apiKey: undefined, timeoutMs: 1_000, maxConnections: 1 });
    expect(await transport.send(batch, new AbortController().signal)).toMatchObject({ kind: 'error', code: 'ECONNREFUSED' });
  });
});
