import { parseArgs } from 'node:util';
import type { ReceiverOptions } from '../receiver/receiver-options';
import { receiverDefaults } from '../receiver/receiver-options';

export interface DevArgs {
  port: number;
  host: string;
  options: ReceiverOptions;
  quiet: boolean;
}

export type DevArgsResult = { ok: true; args: DevArgs } | { ok: false; error: string };

const flags = {
  port: { type: 'string' },
  host: { type: 'string' },
  'database-url': { type: 'string' },
  'api-keys': { type: 'string' },
  'rate-limit': { type: 'string' },
  burst: { type: 'string' },
  'fail-rate': { type: 'string' },
  'latency-ms': { type: 'string' },
  'down-for-ms': { type: 'string' },
  'max-events': { type: 'string' },
  'max-body-bytes': { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

/** `ezlogs dev` flags (and `EZLOGS_API_KEYS`, `DATABASE_URL` is deliberately not read: storage is opt-in). Pure. */
export function parseDevArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): DevArgsResult {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...argv], options: flags, strict: true, allowPositionals: false }).values;
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  const problems: string[] = [];
  const num = (name: keyof typeof flags, min: number, max: number, integer = true): number | undefined => {
    const raw = values[name];
    if (typeof raw !== 'string') return undefined;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      problems.push(`--${name}=${raw} is invalid: expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
      return undefined;
    }
    return n;
  };

  const port = num('port', 0, 65535) ?? receiverDefaults.port;
  const options: ReceiverOptions = {};
  const keys = (typeof values['api-keys'] === 'string' ? values['api-keys'] : env.EZLOGS_API_KEYS ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
  if (keys.length > 0) options.apiKeys = keys;
  const set = <K extends keyof ReceiverOptions>(key: K, value: ReceiverOptions[K] | undefined): void => {
    if (value !== undefined) options[key] = value;
  };
  set('rateLimit', num('rate-limit', 0, 1_000_000, false));
  set('burst', num('burst', 1, 1_000_000));
  set('maxEvents', num('max-events', 1, 10_000_000));
  set('maxBodyBytes', num('max-body-bytes', 1024, 1024 * 1024 * 1024));
  const faults = { failRate: num('fail-rate', 0, 1, false), latencyMs: num('latency-ms', 0, 600_000), downForMs: num('down-for-ms', 0, 86_400_000) };
  if (Object.values(faults).some((v) => v !== undefined)) {
    options.faults = Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined));
  }
  const databaseUrl = values['database-url'];
  if (typeof databaseUrl === 'string') {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('--database-url must be a postgres:// or postgresql:// URL');
    else options.databaseUrl = databaseUrl;
  }
  if (problems.length > 0) return { ok: false, error: problems.join('\n') };
  const host = typeof values.host === 'string' && values.host !== '' ? values.host : receiverDefaults.host;
  return { ok: true, args: { port, host, options, quiet: values.quiet === true } };
}
