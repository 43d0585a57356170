import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { printedFlows, startDemo, type DemoProcess } from './run-demo-process.js';

const chromiumPath = '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium) console.warn(`skipping the demo browser test: ${chromiumPath} is absent (apt-get install -y chromium)`);

const stepTypes = (page: Page): Promise<(string | null)[]> =>
  page.locator('[data-testid="flow-step"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-type')));

describe.skipIf(!haveChromium)('the demo in a browser: npm run demo -- --keep, then the receiver page', () => {
  let demo: DemoProcess;
  let browser: Browser;

  beforeAll(async () => {
    demo = startDemo({}, ['--keep']);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    if (demo && demo.child.exitCode === null && demo.child.signalCode === null) {
      demo.child.kill('SIGKILL');
      await demo.exited;
    }
  });

  it('sees the events arrive, opens a checkout flow with its HTTP, DB and job steps, and the failed one', async () => {
    // The receiver is up before the shop gets its first order: open the page right away.
    const base = (await demo.waitFor(/receiver +(http:\/\/127\.0\.0\.1:\d+)/, 30_000))[1] as string;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/`);
    const rows = page.locator('[data-testid="event-row"]');
    await rows.first().waitFor();

    const total = Number((await demo.waitFor(/^Received (\d+) events in 7 flows/m, 45_000))[1]);
    await demo.waitFor(/Ctrl-C stops the demo/, 5_000);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(total);

    // A user opens a flow by clicking one of its events: here the receipt job of a paid order.
    await rows.and(page.locator('[data-type="job.perform"]')).first().click();
    const steps = page.locator('[data-testid="flow-step"]');
    await steps.nth(6).waitFor();
    expect(await stepTypes(page)).toEqual(['http.request', 'db.query', 'http.client', 'data.change', 'order.paid', 'job.perform', 'data.change']);
    expect(await steps.first().innerText()).toContain('POST /orders/:id/pay 200');
    expect(await steps.nth(5).innerText()).toContain('emails.send-receipt');
    expect(await page.locator('[data-testid="flow-failures"]').innerText()).toBe('0 failures');
    const paid = printedFlows(demo.output()).filter((f) => f.head === 'POST /orders/:id/pay 200').map((f) => f.traceId);
    expect(paid).toContain(/#trace=([0-9a-f]{32})$/.exec(page.url())?.[1]);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/demo-flow.png', fullPage: true });

    // The declined order, found through the outcome filter.
    await page.locator('#f-outcome').selectOption('failure');
    await rows.and(page.locator('[data-type="http.request"]')).first().click();
    await expect.poll(() => stepTypes(page)).toEqual(['http.request', 'db.query', 'http.client', 'data.change', 'order.payment_failed']);
    expect(await page.locator('[data-testid="flow-failures"]').innerText()).toBe('3 failures');
    expect(await page.locator('[data-testid="flow-step"][data-outcome="failure"]').count()).toBe(3);
    await page.screenshot({ path: 'test-artifacts/demo-flow-failed.png', fullPage: true });
    await page.close();

    // Ctrl-C ends the kept demo cleanly, and with it everything it started.
    const shop = /shop +(http:\/\/127\.0\.0\.1:\d+)/.exec(demo.output())?.[1];
    demo.child.kill('SIGINT');
    const { code } = await demo.exited;
    expect(code, demo.output()).toBe(0);
    expect(demo.output()).toContain('Ctrl-C: stopping the demo');
    await expect(fetch(`${shop}/orders/1`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    await expect(fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  }, 90_000);
});
