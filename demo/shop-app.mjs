// A small shop, instrumented by nothing but `node --import @ezlogs/node/register`: orders in
// Postgres, payment through an outgoing fetch, a receipt email as a background job, and a
// few calls of the agent's API where the app knows something the spans cannot (who acts,
// which checkout this is, what happened in business terms).
//
//   PORT (default 0), PAYMENT_URL (required), DATABASE_URL (else embedded PGlite),
//   REDIS_URL (else an in-process queue), SHOP_TABLE_PREFIX, SHOP_QUEUE_PREFIX (BullMQ keys),
//   SHOP_DROP_TABLES_ON_EXIT=1, SHOP_STOP_WITH_PARENT=1 (stop when stdin closes)
import express from 'express';
import { setActor, shutdown, track, withFlow } from '@ezlogs/node';
import { openDatabase } from './shop/open-database.mjs';
import { openReceiptQueue } from './shop/receipt-queue.mjs';

const env = process.env;
const paymentUrl = env.PAYMENT_URL;
if (!paymentUrl) {
  process.stderr.write('[shop] PAYMENT_URL is required (the demo starts a fake payment provider and passes it)\n');
  process.exit(2);
}
const tablePrefix = env.SHOP_TABLE_PREFIX ?? '';
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, tablePrefix });
const { orders, receipts } = db.tables;

const jobs = await openReceiptQueue({
  redisUrl: env.REDIS_URL,
  queueName: 'emails',
  prefix: env.SHOP_QUEUE_PREFIX || 'bull',
  handlers: {
    'send-receipt': async ({ orderId }) => {
      // Stands in for an SMTP round trip.
      await new Promise((resolve) => setTimeout(resolve, 15));
      await db.query(`INSERT INTO ${receipts} (order_id) VALUES ($1)`, [orderId]);
    },
  },
});

class PaymentDeclined extends Error {
  constructor(reason) {
    super(`payment declined: ${reason}`);
    this.name = 'PaymentDeclined';
  }
}

const app = express();
app.use(express.json());
app.use((req, _res, next) => {
  // The shop's "auth": the customer comes in a header, known only once the request started.
  const customer = req.get('x-customer');
  if (customer) setActor({ type: 'customer', id: customer });
  next();
});

app.post('/orders', async (req, res) => {
  const { item, amount_cents: amount } = req.body ?? {};
  if (typeof item !== 'string' || !Number.isInteger(amount) || amount <= 0) {
    res.status(400).json({ error: 'expected { item: string, amount_cents: positive integer }' });
    return;
  }
  const { rows } = await db.query(`INSERT INTO ${orders} (customer, item, amount_cents) VALUES ($1, $2, $3) RETURNING id`, [req.get('x-customer') ?? 'guest', item, amount]);
  res.status(201).json({ id: rows[0].id, status: 'new' });
});

app.post('/orders/:id/pay', (req, res) =>
  withFlow(`checkout_${req.params.id}`, async () => {
    const id = Number(req.params.id);
    const { rows } = await db.query(`SELECT id, amount_cents, status FROM ${orders} WHERE id = $1`, [id]);
    const order = rows[0];
    if (!order) {
      res.status(404).json({ error: `no order ${id}` });
      return;
    }
    const charge = await fetch(`${paymentUrl}/v1/charges`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount_cents: order.amount_cents, card: req.body?.card, order_id: id }),
    });
    const answer = await charge.json();
    const subject = { type: 'order', id: String(id) };
    if (!charge.ok) {
      await db.query(`UPDATE ${orders} SET status = 'payment_failed' WHERE id = $1`, [id]);
      track('order.payment_failed', 'order.payment_failed', { subject, outcome: 'failure', metadata: { reason: answer.error, amount_cents: order.amount_cents } });
      throw new PaymentDeclined(answer.error ?? `provider answered ${charge.status}`);
    }
    await db.query(`UPDATE ${orders} SET status = 'paid', payment_id = $2 WHERE id = $1`, [id, answer.id]);
    track('order.paid', 'order.paid', { subject, metadata: { amount_cents: order.amount_cents } });
    await jobs.enqueue('send-receipt', { orderId: id });
    res.json({ id, status: 'paid', payment_id: answer.id });
  }),
);

app.get('/orders/:id', async (req, res) => {
  const { rows } = await db.query(`SELECT o.id, o.item, o.amount_cents, o.status, count(r.id)::int AS receipts FROM ${orders} o LEFT JOIN ${receipts} r ON r.order_id = o.id WHERE o.id = $1 GROUP BY o.id`, [Number(req.params.id)]);
  if (rows[0]) res.json(rows[0]);
  else res.status(404).json({ error: `no order ${req.params.id}` });
});

app.use((err, _req, res, _next) => {
  // A declined card is the provider's answer, not a shop bug, but the checkout still failed.
  res.status(err instanceof PaymentDeclined ? 502 : 500).json({ error: err.message });
});

const server = app.listen(Number(env.PORT ?? 0), '127.0.0.1', () => {
  const ready = { port: server.address().port, db: db.kind, jobs: jobs.kind };
  process.stdout.write(`SHOP_READY ${JSON.stringify(ready)}\n`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections();
  try {
    await jobs.close();
    if (env.SHOP_DROP_TABLES_ON_EXIT === '1' && db.dropTables) await db.dropTables([receipts, orders]);
    await db.close();
  } catch (err) {
    process.stderr.write(`[shop] shutdown: ${err.message}\n`);
  }
  // Deliver what the agent still holds before the process goes.
  await shutdown();
  process.exit(0);
}
// Ctrl-C in a terminal reaches the whole process group, the shop included.
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
if (env.SHOP_STOP_WITH_PARENT === '1') {
  // The demo holds our stdin open; if it dies without stopping us (kill -9), the pipe closes.
  process.stdin.on('end', stop).resume();
}
