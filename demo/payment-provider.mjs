// A stand-in for an external payment API (think api.stripe.com), on loopback. It is not
// instrumented: the shop sees it only as an outgoing http.client call.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';

/** The card token the demo uses for the order that fails. */
export const declinedCard = 'tok_declined';

export async function startPaymentProvider() {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const reply = (status, json) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.method !== 'POST' || req.url !== '/v1/charges') return reply(404, { error: 'not_found' });
      let charge;
      try {
        charge = JSON.parse(body);
      } catch {
        return reply(400, { error: 'invalid_json' });
      }
      // A little latency, so the call has a visible width in the flow's waterfall.
      setTimeout(() => {
        if (charge.card === declinedCard) reply(402, { error: 'card_declined' });
        else reply(201, { id: `ch_${randomBytes(6).toString('hex')}`, amount_cents: charge.amount_cents });
      }, 20);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
