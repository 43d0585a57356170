// Spans shaped like what the http and pg instrumentations produce for one request: an
// incoming POST with a route, and one query inside it. Values carry an email and a card-like
// query value so that redaction has real work to do, as it would in production.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const api = require('@opentelemetry/api');

let seq = 0;

/** Creates one request (server span + db child span) and ends both; `timeEnd` receives each end()'s ns. */
export function requestSpans(tracer, timeEnd) {
  seq += 1;
  const id = 1000 + (seq % 5000);
  const server = tracer.startSpan('POST /orders/:id/pay', {
    kind: api.SpanKind.SERVER,
    attributes: {
      'http.request.method': 'POST',
      'url.scheme': 'http',
      'url.path': `/orders/${id}/pay`,
      'url.query': `coupon=SPRING25&email=jane.doe${seq % 100}@example.com`,
      'http.route': '/orders/:id/pay',
      'server.address': 'shop.internal',
      'server.port': 8080,
      'network.protocol.version': '1.1',
      'network.peer.address': '10.0.3.17',
      'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    },
  });
  const db = tracer.startSpan(
    'pg.query:SELECT shop',
    {
      kind: api.SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'postgresql',
        'db.namespace': 'shop',
        'db.query.text': `SELECT id, total_cents, status FROM orders WHERE id = ${id} AND customer_email = 'jane.doe${seq % 100}@example.com'`,
        'server.address': '127.0.0.1',
        'server.port': 5432,
      },
    },
    api.trace.setSpan(api.context.active(), server),
  );
  db.setAttribute('db.response.returned_rows', 1);
  server.setAttribute('http.response.status_code', 201);
  timeEnd(db);
  timeEnd(server);
}
