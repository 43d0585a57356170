import type { Config } from '../config/config';

export type WireFormat = Config['format'];

/**
 * A batch as it waits in memory, travels and sits in the spool: already serialized in its wire
 * format and possibly gzipped, so a pending event costs tens of bytes rather than an object graph.
 */
export interface EncodedBatch {
  id: string;
  format: WireFormat;
  count: number;
  gzipped: boolean;
  body: Buffer;
  /** Uncompressed size, for the compression ratio. */
  rawBytes: number;
}
