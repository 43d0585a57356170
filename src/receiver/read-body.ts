import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';

export interface BodyLimits {
  /** Bytes on the wire. */
  maxBodyBytes: number;
  /** Bytes after decompression: what stops a gzip bomb. */
  maxDecompressedBytes: number;
}

export type BodyResult =
  | { ok: true; body: Buffer; wireBytes: number }
  | { ok: false; status: 400 | 413 | 415; error: string; wireBytes: number };

/**
 * Reads a request body while enforcing both limits as the bytes stream in, so neither a
 * large body nor a small body that inflates without bound is ever held in memory.
 * Never rejects: every outcome is data.
 */
export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyResult> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
    return Promise.resolve(tooLarge(`body of ${declared} bytes exceeds the limit of ${limits.maxBodyBytes} bytes`, 0));
  }
  let decoder: Gunzip | Inflate | undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') decoder = createGunzip();
  else if (encoding === 'deflate') decoder = createInflate();
  else if (encoding !== 'identity' && encoding !== '') {
    return Promise.resolve({ ok: false, status: 415, error: `Content-Encoding ${encoding} is not supported: use gzip, deflate or none`, wireBytes: 0 });
  }

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let wireBytes = 0;
    let outBytes = 0;
    let settled = false;
    const finish = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      decoder?.destroy();
      resolve(result);
    };

    const collect = (chunk: Buffer): void => {
      outBytes += chunk.length;
      if (outBytes > limits.maxDecompressedBytes) {
        finish(tooLarge(`decompressed body exceeds the limit of ${limits.maxDecompressedBytes} bytes`, wireBytes));
        return;
      }
      chunks.push(chunk);
    };

    if (decoder) {
      decoder.on('data', collect);
      decoder.on('error', (err: Error) => finish({ ok: false, status: 400, error: `body is not valid ${encoding}: ${err.message}`, wireBytes }));
      decoder.on('end', () => finish({ ok: true, body: Buffer.concat(chunks), wireBytes }));
    }

    req.on('data', (chunk: Buffer) => {
      wireBytes += chunk.length;
      if (settled) return;
      if (wireBytes > limits.maxBodyBytes) {
        finish(tooLarge(`body exceeds the limit of ${limits.maxBodyBytes} bytes`, wireBytes));
        return;
      }
      if (decoder) decoder.write(chunk);
      else collect(chunk);
    });
    req.on('end', () => {
      if (decoder) decoder.end();
      else finish({ ok: true, body: Buffer.concat(chunks), wireBytes });
    });
    req.on('error', (err) => finish({ ok: false, status: 400, error: `request body could not be read: ${err.message}`, wireBytes }));
    req.on('aborted', () => finish({ ok: false, status: 400, error: 'request aborted by the client', wireBytes }));
  });
}

function tooLarge(error: string, wireBytes: number): BodyResult {
  return { ok: false, status: 413, error, wireBytes };
}
