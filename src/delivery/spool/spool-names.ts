/**
 * File names carry order and ownership, so the directory itself is the index:
 *   ready:    <ms, 13 digits>-<seq, 8 digits>-<pid>-<nonce>.ezb      (sorted by name = oldest first)
 *   claimed:  <ready name>.<pid>-<nonce>.claim                        (being sent by that process)
 *   temp:     .tmp-<pid>-<nonce>-<seq>                                (a write not yet renamed into place)
 */
export interface Owner {
  pid: number;
  nonce: string;
}

const readyPattern = /^\d{13}-\d{8}-\d+-[0-9a-f]+\.ezb$/;
const claimPattern = /^(\d{13}-\d{8}-\d+-[0-9a-f]+\.ezb)\.(\d+)-([0-9a-f]+)\.claim$/;
const tempPattern = /^\.tmp-(\d+)-([0-9a-f]+)-\d+$/;

export type ParsedName =
  | { kind: 'ready' }
  | { kind: 'claimed'; readyName: string; owner: Owner }
  | { kind: 'temp'; owner: Owner }
  | { kind: 'foreign' };

export function parseName(name: string): ParsedName {
  if (readyPattern.test(name)) return { kind: 'ready' };
  const claim = claimPattern.exec(name);
  if (claim) return { kind: 'claimed', readyName: claim[1] ?? '', owner: { pid: Number(claim[2]), nonce: claim[3] ?? '' } };
  const temp = tempPattern.exec(name);
  if (temp) return { kind: 'temp', owner: { pid: Number(temp[1]), nonce: temp[2] ?? '' } };
  return { kind: 'foreign' };
}

export function readyName(createdMs: number, seq: number, owner: Owner): string {
  return `${String(createdMs).padStart(13, '0')}-${String(seq % 1e8).padStart(8, '0')}-${owner.pid}-${owner.nonce}.ezb`;
}

export function claimName(ready: string, owner: Owner): string {
  return `${ready}.${owner.pid}-${owner.nonce}.claim`;
}

export function tempName(seq: number, owner: Owner): string {
  return `.tmp-${owner.pid}-${owner.nonce}-${seq}`;
}

/**
 * Whether another process that owned a file is gone. A pid can be reused (every container's
 * first process is pid 1), so a file with our pid but another nonce is from a previous life.
 */
export function isOwnerGone(owner: Owner, self: Owner): boolean {
  if (owner.pid === self.pid) return owner.nonce !== self.nonce;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // EPERM: alive, just not ours to signal.
    return (error as { code?: string }).code === 'ESRCH';
  }
}
