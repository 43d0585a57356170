// `npm run demo`: the dev receiver, a sample shop under `--import @ezlogs/node/register`,
// a few orders (one declined), and a summary of the flows the receiver got.
// Everything started here is stopped on exit, on Ctrl-C and on failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPaymentProvider, declinedCard } from './payment-provider.mjs';
import { demoOptions } from './run/demo-options.mjs';
import { driveOrders } from './run/drive-orders.mjs';
import { ensureBuild } from './run/ensure-build.mjs';
import { formatFlows, groupFlows } from './run/flow-summary.mjs';
import { startReceiver } from './run/start-receiver.mjs';
import { startShop } from './run/start-shop.mjs';
import { waitForFlows } from './run/wait-for-flows.mjs';

const flushIntervalMs = 200;
const parsed = demoOptions(process.argv.slice(2), process.env);
if (!parsed.ok) {
  (parsed.help ? process.stdout : process.stderr).write(`${parsed.error}\n`);
  process.exit(parsed.help ? 0 : 2);
}
const options = parsed.options;
const cleanups = [];
let stopping;

function stopAll() {
  // Last started, first stopped: the shop delivers its last events before the receiver goes.
  stopping ??= (async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => process.stderr.write(`demo: while stopping: ${err.message}\n`));
  })();
  return stopping;
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, () => {
    process.stdout.write(`\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping the demo\n`);
    stopAll().finally(() => process.exit(options.keep ? 0 : code));
  });
}

try {
  await main();
  if (!options.keep) {
    await stopAll();
    process.exit(0);
  }
} catch (err) {
  // After Ctrl-C, whatever main() was waiting for fails as a matter of course: not news.
  if (!stopping) process.stderr.write(`\ndemo failed: ${err.message}\n`);
  await stopAll();
  process.exit(1);
}

async function main() {
  await ensureBuild((line) => process.stdout.write(`${line}\n`));
  const { receiver, url, eventsUrl, fellBack } = await startReceiver(options.port);
  cleanups.push(() => receiver.close());
  const payments = await startPaymentProvider();
  cleanups.push(() => payments.close());
  // A fresh spool: batches spooled by an earlier run must not replay into this one's flows.
  const spoolDir = mkdtempSync(join(tmpdir(), 'ezlogs-demo-'));
  cleanups.push(async () => rmSync(spoolDir, { recursive: true, force: true }));

  const shop = await startShop({ env: shopEnv(eventsUrl, payments.url, spoolDir), timeoutMs: options.timeoutMs });
  cleanups.push(() => shop.stop());
  process.stdout.write(
    [
      'ezlogs demo',
      `  receiver  ${url}  (ezlogs dev, in memory${fellBack ? `; port ${options.port} was taken` : ''})`,
      `  shop      ${shop.url}  (node --import @ezlogs/node/register demo/shop-app.mjs)`,
      `            database: ${shop.ready.db}; jobs: ${shop.ready.jobs}`,
      `  payments  ${payments.url}  (a fake provider; it declines ${declinedCard})`,
      '',
    ].join('\n') + '\n',
  );

  const driven = await driveOrders(shop.url, options.timeoutMs);
  const events = await waitForFlows(receiver, { requests: driven.requests, jobs: driven.paid.length, quietMs: flushIntervalMs * 3, timeoutMs: options.timeoutMs });
  const flows = groupFlows(events);
  const failed = flows.filter((f) => f.failed).length;
  process.stdout.write(
    [
      `Drove ${driven.paid.length + driven.declined.length} orders (${driven.paid.length} paid, ${driven.declined.length} declined) in ${driven.requests} requests.`,
      `Received ${events.length} events in ${flows.length} flows (${failed} failed):`,
      '',
      formatFlows(flows, url),
      '',
      options.keep ? `Open ${url}/ to browse them. Ctrl-C stops the demo.` : `Open ${url}/ to browse them: run \`npm run demo -- --keep\` to keep the receiver up.`,
      '',
    ].join('\n'),
  );
}

/** The user's own EZLOGS_* settings are for their apps; the demo's shop gets exactly these. */
function shopEnv(eventsUrl, paymentUrl, spoolDir) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('EZLOGS_') && !k.startsWith('OTEL_')) env[k] = v;
  return {
    ...env,
    EZLOGS_ENDPOINT: eventsUrl,
    EZLOGS_SERVICE_NAME: 'shop',
    EZLOGS_ENVIRONMENT: 'demo',
    EZLOGS_FLUSH_INTERVAL_MS: String(flushIntervalMs),
    EZLOGS_SPOOL_DIR: spoolDir,
    PAYMENT_URL: paymentUrl,
    PORT: '0',
    SHOP_TABLE_PREFIX: options.databaseUrl ? options.tablePrefix : '',
    // Runs sharing one Redis must never pick up each other's jobs.
    SHOP_QUEUE_PREFIX: `${options.tablePrefix}bull`,
    SHOP_DROP_TABLES_ON_EXIT: options.databaseUrl ? '1' : '0',
    SHOP_STOP_WITH_PARENT: '1',
  };
}
