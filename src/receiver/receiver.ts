import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UniversalEvent } from '../events/universal-event';
import { AgentRegistry } from './agent-health';
import { createApiKeyCheck } from './api-keys';
import { createFaults, type FaultOptions } from './faults';
import { handleIngest, type IngestContext } from './handle-ingest';
import type { ReceivedRequest } from './received-request';
import { receiverDefaults, type ReceiverOptions } from './receiver-options';
import { emptyStats, type ReceiverStats } from './receiver-stats';
import { findIngestRoute } from './routes/ingest-routes';
import { handleReadApi } from './routes/read-api';
import { sendJson, sendText } from './send-json';
import { MemoryStore } from './storage/memory-store';
import { openPostgresStore } from './storage/postgres-store';
import { ReceiverStorage } from './storage/receiver-storage';
import type { StoredEvent } from './storage/stored-event';
import { createRateLimiter } from './token-bucket';
import { pageHtml } from './ui/page-html';

export interface ListenInfo {
  /** Base URL, e.g. `http://127.0.0.1:4800`. */
  url: string;
  port: number;
  /** Where an agent sends its batches: `<url>/events`. */
  eventsUrl: string;
}

export interface Receiver {
  listen(port?: number, host?: string): Promise<ListenInfo>;
  close(): Promise<void>;
  /** Events in the memory window, oldest first. */
  events(): UniversalEvent[];
  stats(): ReceiverStats;
  /** The last 1000 ingest requests, oldest first (credentials masked). */
  requests(): ReceivedRequest[];
  /** Resolves once `count` events arrived (or `predicate` holds); rejects after `timeoutMs` saying what did arrive. */
  waitForEvents(until: number | ((events: UniversalEvent[]) => boolean), timeoutMs?: number): Promise<UniversalEvent[]>;
  setFaults(faults: FaultOptions): void;
  /** `memory`, or the Postgres layout once listening: `postgres:hypertable` / `postgres:table`. */
  storageKind(): string;
}

const requestLogSize = 1000;

export function createReceiver(options: ReceiverOptions = {}): Receiver {
  const memory = new MemoryStore(options.maxEvents ?? receiverDefaults.maxEvents, options.dedupeWindow);
  let storage = new ReceiverStorage(memory);
  const stats = emptyStats(options.databaseUrl ? 'postgres' : 'memory');
  const faults = createFaults(options.faults, options.now, options.random);
  const agents = new AgentRegistry();
  const log: ReceivedRequest[] = [];
  const waiters = new Set<() => void>();
  let server: Server | undefined;

  const ctx: IngestContext = {
    auth: createApiKeyCheck(options.apiKeys ?? []),
    limiter: createRateLimiter(options.rateLimit ?? receiverDefaults.rateLimit, options.burst ?? receiverDefaults.burst, options.now),
    faults,
    limits: { maxBodyBytes: options.maxBodyBytes ?? receiverDefaults.maxBodyBytes, maxDecompressedBytes: options.maxDecompressedBytes ?? receiverDefaults.maxDecompressedBytes },
    storage,
    stats,
    agents,
    log: (entry) => {
      log.push(entry);
      if (log.length > requestLogSize) log.shift();
      options.onRequest?.(entry);
    },
    onStored: (_stored: StoredEvent[]) => {
      for (const wake of [...waiters]) wake();
    },
  };
  const snapshot = (): ReceiverStats => ({ ...stats, responses: { ...stats.responses }, routes: { ...stats.routes }, events_in_memory: memory.size });
  const events = (): UniversalEvent[] => memory.all().map((s) => s.event);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests += 1;
    const url = new URL(req.url ?? '/', 'http://receiver.local');
    const ingest = findIngestRoute(url.pathname);
    if (ingest) {
      if (req.method === 'POST') return handleIngest(ingest, req, res, ctx);
      return sendJson(res, 405, { error: `${ingest.path} accepts POST only` }, { allow: 'POST' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: `${url.pathname} accepts GET only` }, { allow: 'GET' });
    if (url.pathname === '/health') {
      return faults.isDown() ? sendJson(res, 503, { status: 'down' }) : sendJson(res, 200, { status: 'healthy' });
    }
    if (url.pathname === '/' || url.pathname === '/index.html') return sendText(res, 200, 'text/html; charset=utf-8', pageHtml);
    if (await handleReadApi(url, res, { storage, stats: snapshot, agents })) return;
    sendJson(res, 404, { error: `no route ${url.pathname}` });
  }

  return {
    async listen(port = receiverDefaults.port, host = receiverDefaults.host) {
      if (server) throw new Error('receiver is already listening');
      if (options.databaseUrl) {
        const opened = await openPostgresStore({ databaseUrl: options.databaseUrl, ...(options.databaseSchema ? { schema: options.databaseSchema } : {}) });
        if (!opened.ok) throw new Error(opened.error);
        storage = new ReceiverStorage(memory, opened.store);
        ctx.storage = storage;
      }
      const s = createServer((req, res) => {
        route(req, res).catch((err: unknown) => sendJson(res, 500, { error: `receiver error: ${(err as Error).message}` }));
      });
      s.keepAliveTimeout = 65_000;
      server = s;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, host, () => {
          s.off('error', reject);
          resolve();
        });
      });
      faults.arm();
      const address = s.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      const url = `http://${shownHost}:${address.port}`;
      return { url, port: address.port, eventsUrl: `${url}/events` };
    },
    async close() {
      const s = server;
      server = undefined;
      if (s) {
        const closed = new Promise<void>((resolve) => s.close(() => resolve()));
        s.closeAllConnections();
        await closed;
      }
      await storage.close();
    },
    events,
    stats: snapshot,
    requests: () => [...log],
    waitForEvents(until, timeoutMs = 10_000) {
      const done = (): boolean => (typeof until === 'number' ? memory.size >= until : until(events()));
      if (done()) return Promise.resolve(events());
      return new Promise((resolve, reject) => {
        const wake = (): void => {
          if (!done()) return;
          cleanup();
          resolve(events());
        };
        const timer = setTimeout(() => {
          cleanup();
          const got = events();
          reject(new Error(`waited ${timeoutMs} ms for ${typeof until === 'number' ? `${until} events` : 'the expected events'}; received ${got.length}: ${got.slice(-10).map((e) => `${e.event_type} ${e.action}`).join(', ') || 'none'}`));
        }, timeoutMs);
        timer.unref();
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        waiters.add(wake);
      });
    },
    setFaults: (f) => faults.set(f),
    storageKind: () => (storage.postgres ? `postgres:${storage.postgres.layout}` : 'memory'),
  };
}
