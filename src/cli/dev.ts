import { createReceiver, type ListenInfo } from '../receiver/receiver';
import type { CliIo, CliResult } from './cli-io';
import { parseDevArgs } from './dev-args';

/** `ezlogs dev`: the receiver on 127.0.0.1:4800 until stopped. */
export async function runDev(argv: readonly string[], io: CliIo): Promise<CliResult> {
  const parsed = parseDevArgs(argv, io.env);
  if (!parsed.ok) {
    io.err(`ezlogs dev: ${parsed.error}`);
    io.err('run `ezlogs help` for the flags');
    return { code: 2 };
  }
  const { port, host, options, quiet } = parsed.args;
  const receiver = createReceiver({
    ...options,
    ...(quiet ? {} : { onRequest: (r) => io.out(`${r.at.slice(11, 23)} ${r.method} ${r.path} ${r.status} accepted=${r.accepted} duplicates=${r.duplicates} rejected=${r.rejected}`) }),
  });
  let info: ListenInfo;
  try {
    info = await receiver.listen(port, host);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    io.err(`ezlogs dev: cannot start: ${e.code === 'EADDRINUSE' ? `${host}:${port} is already in use (try --port)` : e.message}`);
    await receiver.close();
    return { code: 1 };
  }
  const faults = options.faults ? Object.entries(options.faults).map(([k, v]) => `${k}=${String(v)}`).join(' ') : 'none';
  io.out(`ezlogs dev receiver listening on ${info.url}`);
  io.out(`  page:      ${info.url}/`);
  io.out(`  endpoints: POST /events, /api/v1/logs, /api/v1/logs/batch, /v1/logs (OTLP JSON); GET /health`);
  io.out(`  storage:   ${receiver.storageKind()}${options.databaseUrl ? '' : ` (last ${options.maxEvents ?? 10_000} events)`}`);
  io.out(`  api keys:  ${options.apiKeys ? `${options.apiKeys.length} configured` : 'none (open)'}; faults: ${faults}`);
  io.out(`  send events: EZLOGS_ENDPOINT=${info.eventsUrl} node --import @ezlogs/node/register app.js`);
  return { code: 0, stop: () => receiver.close() };
}
