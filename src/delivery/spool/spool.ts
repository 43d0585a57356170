import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, promises as fsp, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { diag } from '../../diag';
import type { EncodedBatch } from '../encoded-batch';
import { decodeSpoolFile, encodeSpoolFile, headerPeekBytes, peekCount } from './spool-file';
import { claimName, isOwnerGone, parseName, readyName, tempName, type Owner } from './spool-names';
import { ReadyFiles } from './ready-files';

export interface SpoolOptions {
  dir: string;
  maxBytes: number;
  now?: () => number;
  /** Events of the oldest files removed to make room. */
  onEvicted?: (events: number) => void;
  onQuarantined?: (file: string, problem: string) => void;
}

export interface SpoolClaim {
  readonly file: string;
  readonly readyName: string;
  readonly bytes: number;
}

export type SpoolWriteResult = { ok: true } | { ok: false; reason: 'spool_full' | 'spool_unavailable' | 'spool_error' };

export interface Spool {
  available(): boolean;
  write(batch: EncodedBatch): Promise<SpoolWriteResult>;
  /** For process 'exit' only: blocks on fsync. */
  writeSync(batch: EncodedBatch): SpoolWriteResult;
  /** The oldest batch nobody else is sending, now owned by this process; corrupt files are quarantined on the way. */
  claimOldest(): Promise<{ batch: EncodedBatch; claim: SpoolClaim } | undefined>;
  /** Delivered or dropped: the file goes. */
  complete(claim: SpoolClaim): Promise<void>;
  /** Not delivered: the file goes back, unchanged, for a later replay (sync, so 'exit' can use it). */
  release(claim: SpoolClaim): void;
  stats(): { batches: number; bytes: number };
  /** Re-reads the directory: other processes' files, stale claims of dead processes. */
  refresh(): Promise<void>;
}

const degradedRetryMs = 30_000;
const errorCode = (error: unknown): string => String((error as { code?: unknown }).code ?? 'EUNKNOWN');

export function createSpool(options: SpoolOptions): Spool {
  const { dir, maxBytes } = options;
  const now = options.now ?? Date.now;
  const self: Owner = { pid: process.pid, nonce: randomBytes(4).toString('hex') };
  const quarantineDir = join(dir, 'quarantine');
  const ready = new ReadyFiles();
  let seq = 0;
  let usable = true;
  let degradedAt = 0;

  const ensureDir = (): boolean => {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      usable = true;
    } catch (error) {
      degrade(error);
    }
    return usable;
  };
  const degrade = (error: unknown): void => {
    if (usable) diag.warn(`spool directory ${dir} is not writable (${errorCode(error)}); keeping undelivered events in memory only`);
    usable = false;
    degradedAt = now();
  };
  const canWrite = (): boolean => usable || (now() - degradedAt >= degradedRetryMs && ensureDir());

  const quarantine = async (file: string, problem: string): Promise<void> => {
    try {
      await fsp.mkdir(quarantineDir, { recursive: true, mode: 0o700 });
      await fsp.rename(join(dir, file), join(quarantineDir, file));
    } catch {
      await fsp.unlink(join(dir, file)).catch(() => undefined);
    }
    options.onQuarantined?.(file, problem);
  };

  const evictFor = async (bytes: number): Promise<void> => {
    while (ready.totalBytes + bytes > maxBytes) {
      const name = ready.oldest();
      if (name === undefined) return;
      ready.delete(name);
      const path = join(dir, name);
      let events = 0;
      try {
        const handle = await fsp.open(path, 'r');
        try {
          const head = Buffer.alloc(headerPeekBytes);
          await handle.read(head, 0, headerPeekBytes, 0);
          events = peekCount(head);
        } finally {
          await handle.close();
        }
        await fsp.unlink(path);
      } catch {
        continue; // Gone already: another process replayed or evicted it.
      }
      options.onEvicted?.(events);
    }
  };

  const prepare = (batch: EncodedBatch): { data: Buffer; name: string; temp: string } => {
    seq += 1;
    return { data: encodeSpoolFile(batch), name: readyName(now(), seq, self), temp: join(dir, tempName(seq, self)) };
  };

  const failed = (error: unknown, temp: string): SpoolWriteResult => {
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or the disk is gone: nothing to tidy.
    }
    const code = errorCode(error);
    if (code === 'ENOSPC' || code === 'EIO' || code === 'EDQUOT') {
      diag.once('warn', `spool-${code}`, `spool write failed (${code}); undelivered events stay in memory while it lasts`);
      return { ok: false, reason: 'spool_error' };
    }
    degrade(error);
    return { ok: false, reason: 'spool_unavailable' };
  };

  ensureDir();
  return {
    available: () => usable,

    async write(batch) {
      if (!canWrite()) return { ok: false, reason: 'spool_unavailable' };
      const { data, name, temp } = prepare(batch);
      if (data.length > maxBytes) return { ok: false, reason: 'spool_full' };
      await evictFor(data.length);
      try {
        // Written whole under a temp name, flushed, then renamed: a reader never sees half a batch.
        const handle = await fsp.open(temp, 'wx', 0o600);
        try {
          await handle.writeFile(data);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fsp.rename(temp, join(dir, name));
      } catch (error) {
        return failed(error, temp);
      }
      ready.set(name, data.length);
      return { ok: true };
    },

    writeSync(batch) {
      if (!canWrite()) return { ok: false, reason: 'spool_unavailable' };
      const { data, name, temp } = prepare(batch);
      if (data.length > maxBytes) return { ok: false, reason: 'spool_full' };
      try {
        const fd = openSync(temp, 'wx', 0o600);
        try {
          writeSync(fd, data);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(temp, join(dir, name));
      } catch (error) {
        return failed(error, temp);
      }
      ready.set(name, data.length);
      return { ok: true };
    },

    async claimOldest() {
      if (!usable) return undefined;
      if (ready.count === 0) await this.refresh();
      for (const name of ready.oldestFirst()) {
        const bytes = ready.delete(name) ?? 0;
        const file = claimName(name, self);
        try {
          // The rename is the lock: of two processes, exactly one succeeds.
          await fsp.rename(join(dir, name), join(dir, file));
        } catch {
          continue;
        }
        let data: Buffer;
        try {
          data = await fsp.readFile(join(dir, file));
        } catch {
          continue;
        }
        const decoded = decodeSpoolFile(data);
        if (!decoded.ok) {
          await quarantine(file, decoded.problem);
          continue;
        }
        return { batch: decoded.batch, claim: { file, readyName: name, bytes } };
      }
      return undefined;
    },

    async complete(claim) {
      await fsp.unlink(join(dir, claim.file)).catch(() => undefined);
    },

    release(claim) {
      try {
        renameSync(join(dir, claim.file), join(dir, claim.readyName));
        ready.set(claim.readyName, claim.bytes);
      } catch {
        // The directory vanished; the claim is stale and a later scan reclaims it if it ever returns.
      }
    },

    stats: () => ({ batches: ready.count, bytes: ready.totalBytes }),

    async refresh() {
      if (!canWrite()) return;
      let names: string[];
      try {
        names = await fsp.readdir(dir);
      } catch (error) {
        degrade(error);
        return;
      }
      const seen = new Set<string>();
      for (const name of names) {
        const parsed = parseName(name);
        if (parsed.kind === 'claimed' && isOwnerGone(parsed.owner, self)) {
          // Its sender died mid-flight: put it back (the receiver de-duplicates on event_id).
          await fsp.rename(join(dir, name), join(dir, parsed.readyName)).catch(() => undefined);
          seen.add(parsed.readyName);
        } else if (parsed.kind === 'temp' && isOwnerGone(parsed.owner, self)) {
          await fsp.unlink(join(dir, name)).catch(() => undefined);
        } else if (parsed.kind === 'ready') {
          seen.add(name);
        } else if (parsed.kind === 'foreign' && name !== 'quarantine') {
          const stat = await fsp.lstat(join(dir, name)).catch(() => undefined);
          if (stat?.isFile()) await quarantine(name, 'foreign file');
        }
      }
      for (const name of ready.names()) if (!seen.has(name)) ready.delete(name);
      for (const name of seen) {
        if (ready.has(name)) continue;
        const stat = await fsp.stat(join(dir, name)).catch(() => undefined);
        if (stat) ready.set(name, stat.size);
      }
    },
  };
}
