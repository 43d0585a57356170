import { crc32 } from 'node:zlib';
import type { EncodedBatch, WireFormat } from '../encoded-batch';

/**
 * One spooled batch per file: a small header, then the body exactly as it goes on the wire.
 *   magic "EZSP" | version u8 | format u8 | gzipped u8 | id length u8 | count u32 | raw bytes u32
 *   | body length u32 | crc32(body) u32 | id (ascii) | body
 * The API key is never part of it: it is a header added at send time.
 */
const magic = Buffer.from('EZSP');
const version = 1;
const fixedHeaderBytes = 24;
const formats: readonly WireFormat[] = ['events', 'log-ingestion'];

export type SpoolFileResult = { ok: true; batch: EncodedBatch } | { ok: false; problem: string };

export function encodeSpoolFile(batch: EncodedBatch): Buffer {
  const id = Buffer.from(batch.id, 'ascii');
  const header = Buffer.alloc(fixedHeaderBytes);
  magic.copy(header, 0);
  header.writeUInt8(version, 4);
  header.writeUInt8(formats.indexOf(batch.format), 5);
  header.writeUInt8(batch.gzipped ? 1 : 0, 6);
  header.writeUInt8(id.length, 7);
  header.writeUInt32BE(batch.count, 8);
  header.writeUInt32BE(batch.rawBytes, 12);
  header.writeUInt32BE(batch.body.length, 16);
  header.writeUInt32BE(crc32(batch.body), 20);
  return Buffer.concat([header, id, batch.body]);
}

export function decodeSpoolFile(data: Buffer): SpoolFileResult {
  if (data.length < fixedHeaderBytes || !data.subarray(0, 4).equals(magic)) return { ok: false, problem: 'not a spool file' };
  if (data.readUInt8(4) !== version) return { ok: false, problem: `unknown version ${data.readUInt8(4)}` };
  const format = formats[data.readUInt8(5)];
  if (format === undefined) return { ok: false, problem: 'unknown format' };
  const idLength = data.readUInt8(7);
  const bodyLength = data.readUInt32BE(16);
  if (data.length !== fixedHeaderBytes + idLength + bodyLength) return { ok: false, problem: 'truncated or padded' };
  const body = data.subarray(fixedHeaderBytes + idLength);
  if (crc32(body) !== data.readUInt32BE(20)) return { ok: false, problem: 'checksum mismatch' };
  return {
    ok: true,
    batch: {
      id: data.subarray(fixedHeaderBytes, fixedHeaderBytes + idLength).toString('ascii'),
      format,
      count: data.readUInt32BE(8),
      gzipped: data.readUInt8(6) === 1,
      body,
      rawBytes: data.readUInt32BE(12),
    },
  };
}

/** The event count of a file, from its header alone (to count what the cap drops). */
export function peekCount(head: Buffer): number {
  return head.length >= fixedHeaderBytes && head.subarray(0, 4).equals(magic) ? head.readUInt32BE(8) : 0;
}

export const headerPeekBytes = fixedHeaderBytes;
