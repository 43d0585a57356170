// The `app` service of docker-compose.yml: the demo shop under the agent, its fake payment
// provider beside it, and a few customers every DRIVE_EVERY_MS so the pipeline always has
// flows to show. Only the shop runs under `--import @ezlogs/node/register`; this launcher and
// the payment provider stay uninstrumented, as an external API would be.
import { spawn } from 'node:child_process';
import { startPaymentProvider } from '../../demo/payment-provider.mjs';
import { driveOrders } from '../../demo/run/drive-orders.mjs';

const port = Number(process.env.PORT ?? 3000);
const driveEveryMs = Number(process.env.DRIVE_EVERY_MS ?? 30_000);
const payment = await startPaymentProvider();

const shop = spawn(process.execPath, ['--import', '@ezlogs/node/register', 'demo/shop-app.mjs'], {
  env: { ...process.env, PORT: String(port), PAYMENT_URL: payment.url },
  stdio: ['ignore', 'pipe', 'inherit'],
});

let driving;
shop.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (driving || !String(chunk).includes('SHOP_READY')) return;
  const drive = () =>
    driveOrders(`http://127.0.0.1:${port}`, 10_000).then(
      (result) => process.stdout.write(`[compose-app] drove ${result.requests} requests\n`),
      (err) => process.stderr.write(`[compose-app] drive failed: ${err.message}\n`),
    );
  drive();
  driving = setInterval(drive, driveEveryMs);
});

// `docker compose stop` sends SIGTERM: pass it on so the agent flushes before the shop exits.
process.once('SIGTERM', () => shop.kill('SIGTERM'));
shop.once('exit', async (code, signal) => {
  clearInterval(driving);
  await payment.close();
  process.exit(code ?? (signal ? 1 : 0));
});
