import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedFlows, runDemoToEnd, type PrintedFlow } from './run-demo-process.js';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const demoBudgetMs = 60_000;

const byHead = (flows: PrintedFlow[], head: string): PrintedFlow[] => flows.filter((f) => f.head === head);

async function refusesConnections(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
}

describe('npm run demo, on a machine with nothing but Node (embedded PGlite, in-process jobs)', () => {
  let run: { code: number | null; ms: number; output: string };
  let flows: PrintedFlow[];
  // Someone already listens on the port the demo is asked for (a demo left running on 4800, say).
  let squatter: Server;
  let takenPort: number;

  beforeAll(async () => {
    squatter = createServer((_req, res) => res.end('not the receiver'));
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    takenPort = (squatter.address() as AddressInfo).port;
    run = await runDemoToEnd({ DEMO_PORT: String(takenPort) }, demoBudgetMs);
    flows = printedFlows(run.output);
  }, demoBudgetMs + 10_000);
  afterAll(() => new Promise<void>((resolve) => squatter.close(() => resolve())));

  it('completes with exit code 0 within a minute and says which URL to open', () => {
    expect(run.code, run.output).toBe(0);
    expect(run.ms).toBeLessThan(demoBudgetMs);
    expect(run.output).toMatch(/^Open http:\/\/127\.0\.0\.1:\d+\/ to browse them/m);
    expect(run.output).toContain('database: PGlite (embedded, in memory); jobs: in-process queue');
  });

  it('falls back to a free port when the requested one is taken', () => {
    expect(run.output).toContain(`port ${takenPort} was taken`);
    expect(run.output).not.toContain(`receiver  http://127.0.0.1:${takenPort} `);
  });

  it('prints one flow per request the demo made: three orders, three checkouts, one lookup', () => {
    expect(run.output).toContain('Drove 3 orders (2 paid, 1 declined) in 7 requests.');
    expect(flows.map((f) => f.head)).toEqual([
      'POST /orders 201', 'POST /orders/:id/pay 200',
      'POST /orders 201', 'POST /orders/:id/pay 502',
      'POST /orders 201', 'POST /orders/:id/pay 200',
      'GET /orders/:id 200',
    ]);
    expect(new Set(flows.map((f) => f.traceId)).size).toBe(7);
  });

  it('shows a paid checkout with its HTTP, DB and job steps, the job nested with its own query', () => {
    const [checkout] = byHead(flows, 'POST /orders/:id/pay 200');
    expect(checkout?.failed).toBe(false);
    expect(checkout?.steps).toEqual([
      '1 db.query SELECT orders',
      '1 http.client POST 127.0.0.1/v1/charges 201',
      '1 data.change orders.update',
      '1 order.paid order.paid',
      '1 job.perform emails.send-receipt',
      '2 data.change receipts.create',
    ]);
  });

  it('marks the declined order as the one failed flow: a 502, a 402 from the provider, a failed business event, no receipt job', () => {
    const failed = flows.filter((f) => f.failed);
    expect(failed.map((f) => f.head)).toEqual(['POST /orders/:id/pay 502']);
    expect(failed[0]?.steps).toEqual([
      '1 db.query SELECT orders',
      '1 x http.client POST 127.0.0.1/v1/charges 402',
      '1 data.change orders.update',
      '1 x order.payment_failed order.payment_failed',
    ]);
    expect(run.output).toContain(`open: http://127.0.0.1:${/127\.0\.0\.1:(\d+) +\(ezlogs dev/.exec(run.output)?.[1]}/#trace=${failed[0]?.traceId}`);
    expect(run.output).toMatch(/in 7 flows \(1 failed\)/);
  });

  it('stops the shop app and the receiver it started', async () => {
    const shop = /shop +(http:\/\/127\.0\.0\.1:\d+)/.exec(run.output)?.[1];
    const receiver = /receiver +(http:\/\/127\.0\.0\.1:\d+)/.exec(run.output)?.[1];
    expect(shop && receiver).toBeTruthy();
    expect(await refusesConnections(`${shop}/orders/1`)).toBe(true);
    expect(await refusesConnections(`${receiver}/health`)).toBe(true);
  });
});

describe('npm run demo with a bad setting', () => {
  it('refuses it with a message naming the variable and exit code 2, starting nothing', async () => {
    const run = await runDemoToEnd({ DEMO_PORT: 'eighty' }, 10_000);
    expect(run.code).toBe(2);
    expect(run.output.trim()).toBe('DEMO_PORT=eighty is not a port (0-65535)');
  });
});

describe('npm run demo with DATABASE_URL and REDIS_URL (real Postgres, BullMQ)', () => {
  const prefix = `demo_t${process.pid}_`;
  let run: { code: number | null; ms: number; output: string };
  let flows: PrintedFlow[];

  const demoTables = async (): Promise<string[]> => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_name LIKE $1', [`${prefix}%`]);
      return rows.map((r) => r.table_name);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    run = await runDemoToEnd({ DATABASE_URL, REDIS_URL, DEMO_TABLE_PREFIX: prefix }, demoBudgetMs);
    flows = printedFlows(run.output);
  }, demoBudgetMs + 10_000);

  afterAll(async () => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP TABLE IF EXISTS ${prefix}receipts, ${prefix}orders`);
    await client.end();
  });

  it('completes with exit code 0, the shop on Postgres and BullMQ', () => {
    expect(run.code, run.output).toBe(0);
    expect(run.ms).toBeLessThan(demoBudgetMs);
    expect(run.output).toContain('database: PostgreSQL (DATABASE_URL); jobs: BullMQ (REDIS_URL)');
    expect(flows).toHaveLength(7);
  });

  it('shows the checkout with pg queries and the BullMQ job continuing the request trace', () => {
    const [checkout] = byHead(flows, 'POST /orders/:id/pay 200');
    expect(checkout?.steps).toEqual([
      `1 db.query SELECT ${prefix}orders`,
      '1 http.client POST 127.0.0.1/v1/charges 201',
      `1 data.change ${prefix}orders.update`,
      '1 order.paid order.paid',
      '1 job.enqueue emails.send-receipt',
      '2 job.perform emails.send-receipt',
      `3 data.change ${prefix}receipts.create`,
    ]);
    expect(byHead(flows, 'POST /orders/:id/pay 502')[0]?.failed).toBe(true);
  });

  it('leaves no tables in Postgres and no keys in Redis behind', async () => {
    expect(await demoTables()).toEqual([]);
    expect(await redisKeyCount(`${prefix}bull*`)).toBe(0);
  });
});

/** KEYS over a raw RESP connection: the test needs one command, not a client library. */
function redisKeyCount(pattern: string): Promise<number> {
  const url = new URL(REDIS_URL);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port || 6379), url.hostname);
    socket.setTimeout(3000, () => socket.destroy(new Error('redis did not answer KEYS within 3 s')));
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      const count = /^\*(-?\d+)\r\n/.exec(reply);
      if (count) {
        socket.end();
        resolve(Math.max(0, Number(count[1])));
      }
    });
    socket.on('error', reject);
    socket.write(`*2\r\n$4\r\nKEYS\r\n$${Buffer.byteLength(pattern)}\r\n${pattern}\r\n`);
  });
}
