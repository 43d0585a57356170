// The demo's only reader of argv and env: everything else gets these plain options.
import { randomBytes } from 'node:crypto';

export const usage = `usage: node demo/run-demo.mjs [--keep]
  --keep, DEMO_KEEP=1   keep the receiver and the shop running for the browser until Ctrl-C
  DEMO_PORT             receiver port (default 4800; a free port if that one is taken)
  DATABASE_URL          use this PostgreSQL for the shop's tables (default: embedded PGlite)
  REDIS_URL             run the shop's jobs on BullMQ (default: an in-process queue)
  DEMO_TABLE_PREFIX     prefix of the shop's Postgres tables and BullMQ keys (default: unique per run)
  DEMO_TIMEOUT_MS       longest wait for any one step (default 30000)`;

export function demoOptions(argv, env) {
  const unknown = argv.filter((a) => a !== '--keep' && a !== '--help' && a !== '-h');
  if (unknown.length > 0) return { ok: false, error: `unknown argument ${unknown[0]}\n${usage}` };
  if (argv.includes('--help') || argv.includes('-h')) return { ok: false, help: true, error: usage };
  const port = env.DEMO_PORT === undefined || env.DEMO_PORT === '' ? 4800 : Number(env.DEMO_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, error: `DEMO_PORT=${env.DEMO_PORT} is not a port (0-65535)` };
  const timeoutMs = env.DEMO_TIMEOUT_MS ? Number(env.DEMO_TIMEOUT_MS) : 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return { ok: false, error: `DEMO_TIMEOUT_MS=${env.DEMO_TIMEOUT_MS} is not a positive number of milliseconds` };
  const prefix = env.DEMO_TABLE_PREFIX || `demo_${randomBytes(4).toString('hex')}_`;
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) return { ok: false, error: `DEMO_TABLE_PREFIX=${prefix} must be lower-case letters, digits and _` };
  return {
    ok: true,
    options: {
      port,
      keep: argv.includes('--keep') || env.DEMO_KEEP === '1' || env.DEMO_KEEP === 'true',
      databaseUrl: env.DATABASE_URL || undefined,
      redisUrl: env.REDIS_URL || undefined,
      tablePrefix: prefix,
      timeoutMs,
    },
  };
}
