import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../config/resolve-config';
import { createDeliveryEngine } from '../delivery/delivery-engine';
import { headerPeekBytes, peekCount } from '../delivery/spool/spool-file';
import { parseName } from '../delivery/spool/spool-names';
import type { CliIo, CliResult } from './cli-io';

interface SpoolEntry {
  name: string;
  kind: 'ready' | 'claimed';
  bytes: number;
  events: number;
  createdMs: number;
}

/**
 * `ezlogs spool [list|replay|clear] [--dir <path>]`: what a spool directory holds (batches,
 * events, bytes, age, quarantined files), sending it to the endpoint now, or deleting it.
 * The directory defaults to the one this environment gives the agent (EZLOGS_SPOOL_DIR).
 */
export async function runSpool(argv: readonly string[], io: CliIo): Promise<CliResult> {
  const dirFlag = argv.indexOf('--dir');
  const dirArg = dirFlag >= 0 ? argv[dirFlag + 1] : undefined;
  const action = argv.find((a, i) => !a.startsWith('--') && i !== dirFlag + 1) ?? 'list';
  const resolved = resolveConfig({ env: { ...io.env, ...(dirArg ? { EZLOGS_SPOOL_DIR: dirArg } : {}) } });
  const dir = resolved.config.spoolDir;
  if (!['list', 'replay', 'clear'].includes(action)) {
    io.err(`ezlogs spool: unknown action ${JSON.stringify(action)}; expected list, replay or clear`);
    return { code: 2 };
  }
  const entries = await listSpool(dir);
  if (action === 'list') {
    const quarantined = await fsp.readdir(join(dir, 'quarantine')).catch(() => []);
    const events = entries.reduce((n, e) => n + e.events, 0);
    const bytes = entries.reduce((n, e) => n + e.bytes, 0);
    io.out(`spool ${dir}: ${entries.length} batches, ${events} events, ${bytes} bytes; ${quarantined.length} quarantined`);
    for (const e of entries) io.out(`  ${e.name}  ${e.events} events  ${e.bytes} bytes  ${new Date(e.createdMs).toISOString()}${e.kind === 'claimed' ? '  (being sent by a running process)' : ''}`);
    return { code: 0 };
  }
  if (action === 'clear') {
    let removed = 0;
    for (const e of entries.filter((x) => x.kind === 'ready')) {
      await fsp.rm(join(dir, e.name), { force: true });
      removed++;
    }
    await fsp.rm(join(dir, 'quarantine'), { recursive: true, force: true });
    io.out(`spool ${dir}: removed ${removed} batches and the quarantine`);
    return { code: 0 };
  }
  return replay(dir, resolved.config, entries, io);
}

async function replay(dir: string, config: ReturnType<typeof resolveConfig>['config'], entries: readonly SpoolEntry[], io: CliIo): Promise<CliResult> {
  if (entries.length === 0) {
    io.out(`spool ${dir}: nothing to replay`);
    return { code: 0 };
  }
  const engine = createDeliveryEngine({ ...config, spoolDir: dir }, { replayCheckMs: 200 });
  const deadline = Date.now() + Math.max(config.timeoutMs, 10_000) * 3;
  // The engine finds the files on its own directory scan; done when the directory is empty.
  let left = entries;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    left = await listSpool(dir);
    if (left.length === 0 || engine.health().circuit_state === 'open') break;
  }
  const h = engine.health();
  await engine.shutdown();
  left = await listSpool(dir);
  io.out(`spool ${dir}: replayed ${h.events_replayed} events to ${config.endpoint}; ${left.length} batches left${h.last_error ? ` (last error: ${h.last_error})` : ''}`);
  return { code: left.length === 0 ? 0 : 1 };
}

async function listSpool(dir: string): Promise<SpoolEntry[]> {
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const out: SpoolEntry[] = [];
  for (const name of names.sort()) {
    const parsed = parseName(name);
    if (parsed.kind !== 'ready' && parsed.kind !== 'claimed') continue;
    try {
      const handle = await fsp.open(join(dir, name), 'r');
      try {
        const head = Buffer.alloc(headerPeekBytes);
        await handle.read(head, 0, headerPeekBytes, 0);
        const { size } = await handle.stat();
        out.push({ name, kind: parsed.kind, bytes: size, events: peekCount(head), createdMs: Number(name.slice(0, 13)) });
      } finally {
        await handle.close();
      }
    } catch {
      // removed by the process that just sent it
    }
  }
  return out;
}
