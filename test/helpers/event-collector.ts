import { createServer, type IncomingMessage, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { UniversalEvent } from '../../src/events/universal-event.js';

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  /** The body exactly as it arrived on the wire (before gunzip). */
  raw: Buffer;
  events: UniversalEvent[];
}

/**
 * A loopback ingestion endpoint for end-to-end tests: stores every batch it is sent,
 * so a test can assert on what really left the agent's process, byte for byte.
 */
export class EventCollector {
  readonly requests: ReceivedRequest[] = [];
  private server: Server | undefined;
  private waiters: Array<() => void> = [];

  /**
   * Every distinct event received, de-duplicated on `event_id` as a receiver does: delivery is
   * at least once (a batch in flight at a crash is also spooled and replayed).
   */
  get events(): UniversalEvent[] {
    const seen = new Set<string>();
    return this.requests.flatMap((r) => r.events).filter((e) => !seen.has(e.event_id) && seen.add(e.event_id) !== undefined);
  }

  /** Copies of an event already received (same `event_id`). */
  get duplicates(): number {
    return this.requests.reduce((n, r) => n + r.events.length, 0) - this.events.length;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        let events: UniversalEvent[] = [];
        try {
          const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
          const parsed: unknown = JSON.parse(body.toString('utf8') || '[]');
          events = Array.isArray(parsed) ? (parsed as UniversalEvent[]) : ((parsed as { logs?: UniversalEvent[] }).logs ?? []);
        } catch {
          res.writeHead(400).end('{"error":"bad body"}');
          return;
        }
        this.requests.push({ path: req.url ?? '/', headers: req.headers, raw, events });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: events.length, duplicates: 0, rejected: [] }));
        for (const w of this.waiters.splice(0)) w();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/events`;
  }

  /** Waits until `predicate` holds over the received events, or fails listing what did arrive. */
  async waitFor(predicate: (events: UniversalEvent[]) => boolean, timeoutMs = 10_000): Promise<UniversalEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.events)) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`collector: condition not met in ${timeoutMs} ms; received ${this.events.length} events:\n${this.events.map((e) => `  ${e.event_type} ${e.action} ${e.outcome} trace=${e.correlation.trace_id}`).join('\n')}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.events;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }
}
