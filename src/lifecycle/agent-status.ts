import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PatchStatus } from '../instrumentations/patch-report';

/**
 * What an agent process knew about itself, left beside its spool so that `ezlogs doctor`,
 * run later from a shell, can say which packages were patched and which were loaded too
 * early. Small, written synchronously at start and at exit (temp file + rename).
 */
export interface AgentStatus {
  pid: number;
  service: string;
  node: string;
  started_at: string;
  updated_at: string;
  instrumentations: PatchStatus[];
}

export function agentStatusDir(spoolDir: string): string {
  return join(spoolDir, 'agents');
}

export function writeAgentStatus(spoolDir: string, status: AgentStatus): void {
  try {
    const dir = agentStatusDir(spoolDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${status.pid}.json`);
    const temp = `${file}.tmp`;
    writeFileSync(temp, JSON.stringify(status), { mode: 0o600 });
    renameSync(temp, file);
    pruneOldest(dir);
  } catch {
    // Diagnostics only: an unwritable directory is reported by the spool itself.
  }
}

const keptStatuses = 20;

/** One file per process that ever ran: keep the newest few, so the folder never grows without bound. */
function pruneOldest(dir: string): void {
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= keptStatuses) return;
  const byAge = names.map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { n } of byAge.slice(keptStatuses)) rmSync(join(dir, n), { force: true });
}

/** Newest first; unreadable files are skipped. */
export function readAgentStatuses(spoolDir: string): AgentStatus[] {
  const dir = agentStatusDir(spoolDir);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const out: AgentStatus[] = [];
  for (const name of names) {
    try {
      const parsed = JSON.parse(readFileSync(join(dir, name), 'utf8')) as AgentStatus;
      if (typeof parsed.pid === 'number' && Array.isArray(parsed.instrumentations)) out.push(parsed);
    } catch {
      // a file being replaced right now, or not ours
    }
  }
  return out.sort((a, b) => b.updated_at.localeCompare(a.updated_at));
}
