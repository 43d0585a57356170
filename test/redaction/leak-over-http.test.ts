import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { detectorNames } from '../../src/config/config.js';
import type { UniversalEvent } from '../../src/events/universal-event.js';
import { createRedactor } from '../../src/redaction/redactor.js';

/**
 * A real request over loopback carries an email, a card, a password and a bearer token in its
 * query, headers and JSON body. The event built from it the way the processor does (URL through
 * sanitizeUrl, headers through redactHeaders, body as metadata, then redactEvent) and serialized
 * as it would leave the process holds none of them, while trace id, route and status survive.
 */
const email = 'jane.doe@example.com';
const card = '4242 4242 4242 4242';
const password = 'Tr0ub4dor&3';
const token = 'f81d4fae7dec11d0a76500a0c91e6bf6';
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const redactor = createRedactor({ extraKeys: [], patterns: [...detectorNames], maxEventBytes: 8192 });
const sent: Buffer[] = [];
let server: ReturnType<typeof createServer>;

function toEvent(req: IncomingMessage, body: unknown, status: number): UniversalEvent {
  return redactor.redactEvent({
    event_id: 'evt_1', timestamp: new Date().toISOString(), event_type: 'http.request', action: 'POST /orders/:id/pay', outcome: 'success',
    correlation: { trace_id: traceId, span_id: '00f067aa0ba902b7' },
    metadata: { method: req.method, url: redactor.sanitizeUrl(req.url ?? ''), route: '/orders/:id/pay', status_code: status, request_headers: redactor.redactHeaders(req.headers), body },
    platform: { service: 'shop', environment: 'test', host: 'web-1', sdk: 'ezlogs-node/0.1.0', runtime: 'node/20.20.2' },
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      sent.push(Buffer.from(JSON.stringify([toEvent(req, body, 201)])));
      res.writeHead(201).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('no secret from query, headers or JSON body appears in the bytes that leave the process', async () => {
  const { port } = server.address() as AddressInfo;
  const query = new URLSearchParams({ email, card, password, access_token: token }).toString();
  const payload = JSON.stringify({ customer: { contact: email, payment: { number: card } }, password, note: `auth Bearer ${token}` });
  await new Promise<void>((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, method: 'POST', path: `/orders/42/pay?${query}`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-customer-email': email, cookie: `sid=${token}`, 'x-note': `card ${card}` },
    }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.end(payload);
  });
  expect(sent).toHaveLength(1);
  const wire = sent[0]?.toString('utf8') ?? '';
  for (const secret of [email, card, card.replace(/ /g, ''), password, encodeURIComponent(password), token, encodeURIComponent(email)]) {
    expect(wire).not.toContain(secret);
  }
  const [event] = JSON.parse(wire) as UniversalEvent[];
  expect(event?.correlation.trace_id).toBe(traceId);
  expect(event?.metadata.route).toBe('/orders/:id/pay');
  expect(event?.metadata.status_code).toBe(201);
  expect(event?.metadata.url).toBe('/orders/42/pay?email=[EMAIL]&card=[CARD]&password=[REDACTED]&access_token=[REDACTED]');
});
