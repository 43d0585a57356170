import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EncodedBatch } from '../../../src/delivery/encoded-batch.js';
import { createSpool } from '../../../src/delivery/spool/spool.js';
import { encodeSpoolFile } from '../../../src/delivery/spool/spool-file.js';
import { claimName } from '../../../src/delivery/spool/spool-names.js';

const freshDir = (): string => join(mkdtempSync(join(tmpdir(), 'ezlogs-spool-')), 'spool');
let n = 0;
function batch(count = 3, size = 100): EncodedBatch {
  n += 1;
  const body = Buffer.from(JSON.stringify(Array.from({ length: count }, (_, i) => ({ event_id: `e${n}_${i}`, pad: 'x'.repeat(size) }))));
  return { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, format: 'events', count, gzipped: false, body, rawBytes: body.length };
}

describe('spool', () => {
  it('writes batches as 0600 files in a 0700 directory and replays them oldest first, ids intact', async () => {
    const dir = freshDir();
    const spool = createSpool({ dir, maxBytes: 1_000_000 });
    const written = [batch(), batch(), batch()];
    for (const b of written) expect(await spool.write(b)).toEqual({ ok: true });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    expect(spool.stats().batches).toBe(3);
    const replayed: string[] = [];
    for (let found = await spool.claimOldest(); found; found = await spool.claimOldest()) {
      replayed.push(found.batch.id);
      expect(found.batch.body.equals(written[replayed.length - 1]?.body ?? Buffer.alloc(0))).toBe(true);
      await spool.complete(found.claim);
    }
    expect(replayed).toEqual(written.map((b) => b.id));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never leaves a file half-written under a ready name (temp file + rename)', async () => {
    const dir = freshDir();
    const spool = createSpool({ dir, maxBytes: 10_000_000 });
    await Promise.all(Array.from({ length: 20 }, () => spool.write(batch(50, 1000))));
    const names = readdirSync(dir);
    expect(names.filter((f) => f.startsWith('.tmp-'))).toEqual([]);
    expect(names.filter((f) => f.endsWith('.ezb')).length).toBe(20);
  });

  it('quarantines corrupt, truncated and foreign files and still replays the good ones', async () => {
    const dir = freshDir();
    const spool = createSpool({ dir, maxBytes: 1_000_000 });
    const good = batch();
    await spool.write(good);
    const flipped = encodeSpoolFile(batch());
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 2) ^ 0x01, flipped.length - 2);
    writeFileSync(join(dir, '0000000000001-00000001-1-ab.ezb'), flipped);
    writeFileSync(join(dir, '0000000000002-00000001-1-ab.ezb'), encodeSpoolFile(batch()).subarray(0, 30));
    writeFileSync(join(dir, '0000000000003-00000001-1-ab.ezb'), Buffer.alloc(0));
    writeFileSync(join(dir, 'notes.txt'), 'not ours');
    const other = createSpool({ dir, maxBytes: 1_000_000 });
    const found = await other.claimOldest();
    expect(found?.batch.id).toBe(good.id);
    expect(await other.claimOldest()).toBeUndefined();
    const quarantined = readdirSync(join(dir, 'quarantine')).sort();
    expect(quarantined).toHaveLength(4);
    ['0000000000001-', '0000000000002-', '0000000000003-', 'notes.txt'].forEach((prefix, i) => expect(quarantined[i]?.startsWith(prefix)).toBe(true));
  });

  it('drops the oldest batches past the cap and counts their events', async () => {
    const dir = freshDir();
    let evicted = 0;
    const one = encodeSpoolFile(batch(4, 200)).length;
    const spool = createSpool({ dir, maxBytes: one * 3 + 10, onEvicted: (events) => (evicted += events) });
    const written = Array.from({ length: 5 }, () => batch(4, 200));
    for (const b of written) await spool.write(b);
    expect(evicted).toBe(8);
    expect(spool.stats()).toEqual({ batches: 3, bytes: one * 3 });
    const first = await spool.claimOldest();
    expect(first?.batch.id).toBe(written[2]?.id);
  });

  it('refuses a batch larger than the whole cap', async () => {
    const spool = createSpool({ dir: freshDir(), maxBytes: 100 });
    expect(await spool.write(batch(10, 100))).toEqual({ ok: false, reason: 'spool_full' });
  });

  it('degrades to memory-only with one warning when the directory cannot be created', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ezlogs-ro-'));
    chmodSync(parent, 0o500);
    const spool = createSpool({ dir: join(parent, 'spool'), maxBytes: 1_000_000 });
    // root ignores permissions; then the directory is simply usable.
    if (process.getuid?.() === 0) return;
    expect(spool.available()).toBe(false);
    expect(await spool.write(batch())).toEqual({ ok: false, reason: 'spool_unavailable' });
  });

  it('gives a released claim back for the next replay', async () => {
    const dir = freshDir();
    const spool = createSpool({ dir, maxBytes: 1_000_000 });
    const b = batch();
    await spool.write(b);
    const found = await spool.claimOldest();
    expect(readdirSync(dir).some((f) => f.endsWith('.claim'))).toBe(true);
    spool.release(found!.claim);
    expect((await spool.claimOldest())?.batch.id).toBe(b.id);
  });

  it('takes back the claims of a dead process, and leaves a live one alone', async () => {
    const dir = freshDir();
    const writer = createSpool({ dir, maxBytes: 1_000_000 });
    await writer.write(batch());
    await writer.write(batch());
    const [first, second] = readdirSync(dir).filter((f) => f.endsWith('.ezb')).sort();
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.on('exit', resolve));
    const { renameSync } = await import('node:fs');
    renameSync(join(dir, first!), join(dir, claimName(first!, { pid: dead.pid!, nonce: 'dead' })));
    renameSync(join(dir, second!), join(dir, claimName(second!, { pid: process.ppid, nonce: 'alive' })));
    const reader = createSpool({ dir, maxBytes: 1_000_000 });
    await reader.refresh();
    const found = await reader.claimOldest();
    expect(found?.claim.readyName).toBe(first);
    expect(await reader.claimOldest()).toBeUndefined();
  });

  it('lets two processes share one directory without sending any batch twice', async () => {
    const dir = freshDir();
    const writer = createSpool({ dir, maxBytes: 100_000_000 });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const b = batch(1, 10);
      ids.push(b.id);
      await writer.write(b);
    }
    const script = join(import.meta.dirname, '..', 'fixtures', 'claim-all.mjs');
    const run = () => new Promise<string[]>((resolve, reject) => {
      const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', reject);
      child.on('exit', () => resolve(out.split('\n').filter(Boolean)));
    });
    const [a, b] = await Promise.all([run(), run()]);
    expect([...a, ...b].sort()).toEqual([...ids].sort());
    expect(new Set([...a, ...b]).size).toBe(60);
    expect(readdirSync(dir).filter((f) => f !== 'quarantine')).toEqual([]);
  });
});
