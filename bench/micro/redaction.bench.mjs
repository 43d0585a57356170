// Redaction cost per event (p50/p99, microseconds) for typical and worst-case events.
// Build first: npx tsc -p tsconfig.build.json ; then: node bench/micro/redaction.bench.mjs
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createRedactor } = require('../../dist/redaction/redactor.js');

const redactor = createRedactor({
  extraKeys: [], patterns: ['email', 'card', 'ssn', 'phone', 'iban', 'jwt', 'secret', 'bearer'], maxEventBytes: 8192,
});

const base = () => ({
  event_id: 'evt_01JD2Q4T6Y8K3M5N7P9R1S3T5V', timestamp: '2026-11-22T10:30:00.123Z', event_type: 'http.request',
  action: 'POST /orders/:id/pay', outcome: 'success',
  correlation: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7', parent_span_id: 'a3ce929d0e0e4736', request_id: 'req_8f3a2c' },
  platform: { service: 'shop', environment: 'production', version: '1.4.0', host: 'web-1', sdk: 'ezlogs-node/0.1.0', runtime: 'node/20.20.2' },
});

// One shared 1 MB string: the redactor never mutates input strings, and 200 copies would measure GC.
const megabyte = `${'x'.repeat(500_000)}bob@example.com ${'y'.repeat(500_000)}`;

const cases = {
  // ~500 bytes serialized: what the HTTP and pg mappers produce.
  'typical http.request': () => ({ ...base(), metadata: { method: 'POST', url: '/orders/456/pay?currency=EUR', route: '/orders/:id/pay', status_code: 201, duration_ms: 12.41, host: 'shop.internal' } }),
  'typical db.query': () => ({ ...base(), event_type: 'db.query', action: 'SELECT orders', metadata: { db_system: 'postgresql', db_statement: 'SELECT id, total FROM orders WHERE customer_id = $1 AND status = ? LIMIT ?', row_count: 3, duration_ms: 1.2 } }),
  'track() with PII': () => ({ ...base(), event_type: 'user.action', action: 'profile.updated', actor: { type: 'user', id: '123', email: 'bob@example.com' }, metadata: { plan: 'pro', contact: 'bob@example.com', phone: '+1 415 555 0132', password: 'hunter2', note: 'card 4111 1111 1111 1111' } }),
  'worst: error + headers + nested': () => ({
    ...base(), outcome: 'failure',
    metadata: { method: 'POST', url: '/login?email=x', status_code: 500, request_headers: { authorization: 'Bearer abc', cookie: 'sid=1', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36', accept: 'application/json' }, body: { user: { email: 'bob@example.com', profile: { ssn: '536-22-8714', iban: 'DE89 3704 0044 0532 0130 00', tags: ['a', 'b', 'c'] } } } },
    error: { type: 'TypeError', message: 'Cannot read properties of undefined (reading "id") for bob@example.com', stack: `TypeError: Cannot read properties of undefined\n${'    at handler (/app/src/routes/orders.js:42:17)\n'.repeat(12)}` },
  }),
  'pathological: 1 MB string': () => ({ ...base(), metadata: { blob: megabyte } }),
  'pathological: 10k-deep nesting': () => {
    let deep = { leaf: 1 };
    for (let i = 0; i < 10_000; i++) deep = { child: deep };
    return { ...base(), metadata: { deep } };
  },
};

function measure(make, iterations) {
  const events = Array.from({ length: Math.min(iterations, 2000) }, make);
  for (let i = 0; i < 2000; i++) redactor.redactEvent(make()); // warm up
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const event = events[i % events.length];
    const t = process.hrtime.bigint();
    redactor.redactEvent(event);
    samples[i] = Number(process.hrtime.bigint() - t) / 1000;
  }
  samples.sort();
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(2);
  return { p50: at(0.5), p99: at(0.99), bytes: Buffer.byteLength(JSON.stringify(redactor.redactEvent(make()))) };
}

console.log('| event | serialized bytes | p50 us | p99 us |');
console.log('|---|---|---|---|');
for (const [name, make] of Object.entries(cases)) {
  const { p50, p99, bytes } = measure(make, name.startsWith('pathological') ? 200 : 20_000);
  console.log(`| ${name} | ${bytes} | ${p50} | ${p99} |`);
}
