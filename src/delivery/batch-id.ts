import { createHash, randomUUID } from 'node:crypto';

/** A fresh `X-Batch-Id`; it then travels with the batch through retries and the spool. */
export function newBatchId(): string {
  return randomUUID();
}

/**
 * The id of one half of a 413-split batch, derived from its parent so that a split replayed
 * after a restart produces the same ids again (receivers may de-duplicate on them).
 */
export function childBatchId(parentId: string, half: 0 | 1): string {
  const hex = createHash('sha1').update(`${parentId}/${half}`).digest('hex');
  // Shaped as a version-5 (name-based) UUID with the RFC 4122 variant.
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
