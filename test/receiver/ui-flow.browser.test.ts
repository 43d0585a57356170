import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import type { UniversalEvent } from '../../src/events/universal-event.js';
import { createReceiver, type Receiver } from '../../src/receiver/receiver.js';
import { hex, post, sampleEvent } from './sample-events.js';

const chromiumPath = '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium) console.warn(`skipping the receiver page test: ${chromiumPath} is absent (apt-get install -y chromium)`);

/** One checkout across two services: http.request -> db.query -> job.enqueue -> job.perform (fails) in the worker. */
function checkoutTrace(): UniversalEvent[] {
  const trace_id = hex(16);
  const [http, db, enqueue, perform, custom] = [hex(8), hex(8), hex(8), hex(8), hex(8)];
  const t0 = Date.now() - 5000;
  const at = (ms: number): string => new Date(t0 + ms).toISOString();
  const worker = { service: 'shop-worker', environment: 'dev', host: 'w1', sdk: 'ezlogs-node/0.1.0', runtime: 'node/20' };
  return [
    sampleEvent({ timestamp: at(0), event_type: 'http.request', action: 'POST /orders/:id/pay', correlation: { trace_id, span_id: http }, metadata: { duration_ms: 48, status_code: 201 } }),
    sampleEvent({ timestamp: at(4), event_type: 'db.query', action: 'SELECT orders', correlation: { trace_id, span_id: db, parent_span_id: http }, metadata: { duration_ms: 6.5, statement: 'SELECT * FROM orders WHERE id = ?' } }),
    sampleEvent({ timestamp: at(12), event_type: 'order.paid', action: 'order.paid', correlation: { trace_id, span_id: http }, metadata: { note: '<img src=x onerror="window.__xss=1">' } }),
    sampleEvent({ timestamp: at(20), event_type: 'job.enqueue', action: 'emails.send-receipt', correlation: { trace_id, span_id: enqueue, parent_span_id: http }, metadata: { duration_ms: 2 } }),
    sampleEvent({
      timestamp: at(60), event_type: 'job.perform', action: 'emails.send-receipt', outcome: 'failure', platform: worker,
      correlation: { trace_id, span_id: perform, parent_span_id: enqueue }, metadata: { duration_ms: 30, attempt: 1 },
      error: { type: 'SmtpError', message: 'mailbox unavailable' },
    }),
    sampleEvent({ timestamp: at(65), event_type: 'data.change', action: 'receipts.create', platform: worker, correlation: { trace_id, span_id: custom, parent_span_id: perform }, metadata: { duration_ms: 3 } }),
  ];
}

describe.skipIf(!haveChromium)('the receiver page in headless Chromium', () => {
  let receiver: Receiver;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    receiver = createReceiver();
    base = (await receiver.listen(0)).url;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
  });

  it('shows events as they arrive and opens a flow with its HTTP, DB and job steps', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    page.setDefaultTimeout(10_000);
    await page.goto(base);
    await page.getByText('Waiting for events').waitFor();

    const trace = checkoutTrace();
    await post(`${base}/events`, [sampleEvent({ action: 'GET /health-check/other' })]);
    await post(`${base}/events`, trace.slice(0, 4));
    await post(`${base}/events`, trace.slice(4), { 'x-ezlogs-health': JSON.stringify({ circuit_state: 'closed', queue_size: 0, events_delivered: 6 }) });
    await page.locator('[data-testid="event-row"]').nth(6).waitFor();
    expect(await page.locator('[data-testid="event-row"]').count()).toBe(7);

    await page.locator('#f-outcome').selectOption('failure');
    expect(await page.locator('[data-testid="event-row"]').count()).toBe(1);
    await page.locator('#f-outcome').selectOption('');
    await page.locator('#f-text').fill('receipts.create');
    expect(await page.locator('[data-testid="event-row"]').count()).toBe(1);
    await page.locator('#f-text').fill('');

    await page.locator('[data-testid="event-row"][data-type="job.perform"]').click();
    const steps = page.locator('[data-testid="flow-step"]');
    await steps.nth(5).waitFor();
    const types = await steps.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-type')));
    expect(types).toEqual(['http.request', 'db.query', 'order.paid', 'job.enqueue', 'job.perform', 'data.change']);
    const indents = await steps.evaluateAll((nodes) => nodes.map((n) => n.firstElementChild?.getAttribute('style')));
    expect(indents).toEqual(['padding-left:0px', 'padding-left:14px', 'padding-left:14px', 'padding-left:14px', 'padding-left:28px', 'padding-left:42px']);
    await expect.poll(() => page.locator('[data-testid="flow-step"][data-outcome="failure"]').innerText()).toContain('SmtpError: mailbox unavailable');
    expect(await page.locator('[data-testid="flow-failures"]').innerText()).toBe('1 failure');
    expect(await page.locator('#flow-summary').innerText()).toContain('2 services: shop, shop-worker');
    await page.locator('[data-testid="agent"]').waitFor();

    // Event text is shown as text, never run as markup.
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);

    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/receiver-flow.png', fullPage: true });
    await page.close();
  });
});
