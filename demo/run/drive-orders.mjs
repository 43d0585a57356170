/* global AbortSignal */
// What a few customers do in the shop; one of them pays with a card the provider declines.
import { declinedCard } from '../payment-provider.mjs';

const customers = [
  { customer: 'alice', item: 'coffee beans', amount_cents: 1800, card: 'tok_visa' },
  { customer: 'bob', item: 'espresso machine', amount_cents: 34900, card: declinedCard },
  { customer: 'carol', item: 'mug', amount_cents: 1200, card: 'tok_mastercard' },
];

/**
 * @returns {Promise<{ requests: number, paid: number[], declined: number[] }>} what the
 *   receiver should see: one http.request per request, one job per paid order.
 */
export async function driveOrders(shopUrl, timeoutMs) {
  const call = async (method, path, customer, body) => {
    const res = await fetch(`${shopUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-customer': customer },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, body: await res.json() };
  };
  const result = { requests: 0, paid: [], declined: [] };
  for (const c of customers) {
    const created = await call('POST', '/orders', c.customer, { item: c.item, amount_cents: c.amount_cents });
    result.requests += 1;
    if (created.status !== 201) throw new Error(`POST /orders answered ${created.status}: ${JSON.stringify(created.body)}`);
    const id = created.body.id;
    const paid = await call('POST', `/orders/${id}/pay`, c.customer, { card: c.card });
    result.requests += 1;
    if (c.card === declinedCard) {
      if (paid.status !== 502) throw new Error(`the declined payment of order ${id} answered ${paid.status}, expected 502`);
      result.declined.push(id);
    } else {
      if (paid.status !== 200) throw new Error(`POST /orders/${id}/pay answered ${paid.status}: ${JSON.stringify(paid.body)}`);
      result.paid.push(id);
    }
  }
  const first = result.paid[0];
  if (first !== undefined) {
    await call('GET', `/orders/${first}`, 'alice');
    result.requests += 1;
  }
  return result;
}
