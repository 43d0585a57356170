import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new, empty spool directory: one left by an earlier run (pids repeat) must never leak in. */
export function freshSpoolDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `ezlogs-${name}-`));
}
