import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface ReceivedRequest {
  at: number;
  path: string;
  headers: IncomingMessage['headers'];
  batchId: string;
  eventIds: string[];
  items: unknown[];
}

/** What the receiver does with one request: answer, or misbehave. */
export type Reply =
  | { status: number; headers?: Record<string, string>; body?: string; delayMs?: number }
  | { reset: true }
  | { hang: true };

export interface ScriptedReceiver {
  url: string;
  origin: string;
  requests: ReceivedRequest[];
  /** Unique event ids of the requests answered 2xx. */
  delivered: Set<string>;
  setScript(script: (request: ReceivedRequest, index: number) => Reply): void;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1:0 that answers as the test scripts it and records what it got. */
export async function startScriptedReceiver(path = '/events'): Promise<ScriptedReceiver> {
  const requests: ReceivedRequest[] = [];
  const delivered = new Set<string>();
  const sockets = new Set<Socket>();
  let script: (request: ReceivedRequest, index: number) => Reply = () => ({ status: 200 });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let raw = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
      const parsed: unknown = JSON.parse(raw.toString('utf8'));
      const items = (Array.isArray(parsed) ? parsed : (parsed as { logs: unknown[] }).logs) as Record<string, unknown>[];
      const eventIds = items.map((item) => String(item.event_id ?? (item.metadata as Record<string, unknown> | undefined)?.event_id));
      const request: ReceivedRequest = {
        at: performance.now(), path: req.url ?? '', headers: req.headers, batchId: String(req.headers['x-batch-id']), eventIds, items,
      };
      requests.push(request);
      const reply = script(request, requests.length - 1);
      if ('reset' in reply) {
        req.socket.destroy();
        return;
      }
      if ('hang' in reply) return;
      const answer = (): void => {
        if (reply.status >= 200 && reply.status < 300) for (const id of eventIds) delivered.add(id);
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body ?? '');
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${path}`,
    origin,
    requests,
    delivered,
    setScript: (next) => {
      script = next;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
