import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { Pool } from 'undici';
import type { AttemptResult } from './classify-response';
import type { EncodedBatch } from './encoded-batch';
import { userAgent } from './user-agent';
import { targetPath } from './wire-format';

/** No answer we act on needs more than this; a hostile or broken server may send gigabytes. */
export const maxResponseBodyBytes = 64 * 1024;

export type TransportResult = AttemptResult & { durationMs: number; body?: string };

export interface Transport {
  send(batch: EncodedBatch, signal: AbortSignal): Promise<TransportResult>;
  /** Waits for requests in flight, then closes the sockets. */
  close(): Promise<void>;
  /** Aborts whatever is in flight. */
  destroy(): Promise<void>;
}

export interface HttpTransportOptions {
  endpoint: string;
  apiKey: string | undefined;
  timeoutMs: number;
  maxConnections: number;
}

/** POSTs batches over one undici keep-alive pool; never throws, every failure becomes a result. */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const endpoint = new URL(options.endpoint);
  const pool = new Pool(endpoint.origin, {
    connections: options.maxConnections,
    pipelining: 1,
    keepAliveTimeout: 4_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: Math.min(options.timeoutMs, 10_000) },
  });

  const send = async (batch: EncodedBatch, signal: AbortSignal): Promise<TransportResult> => {
    const started = performance.now();
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': userAgent, 'x-batch-id': batch.id };
    if (batch.gzipped) headers['content-encoding'] = 'gzip';
    if (options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]);
    try {
      // Our own POSTs must never become spans, or delivery would feed itself.
      const response = await context.with(suppressTracing(context.active()), () =>
        pool.request({ path: targetPath(endpoint, batch.format), method: 'POST', headers, body: batch.body, signal: deadline }),
      );
      const body = await readBounded(response.body);
      const retryAfter = response.headers['retry-after'];
      return {
        kind: 'response',
        status: response.statusCode,
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
        body,
        durationMs: performance.now() - started,
      };
    } catch (error) {
      return { kind: 'error', code: errorCode(error), durationMs: performance.now() - started };
    }
  };

  return {
    send,
    close: () => pool.close().catch(() => undefined),
    destroy: () => pool.destroy().catch(() => undefined),
  };
}

async function readBounded(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const room = maxResponseBodyBytes - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
      if (size >= maxResponseBodyBytes) break;
    }
  } catch {
    // The status already arrived; a body cut short does not change what it said.
  } finally {
    body.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Errors are matched by code, never by class (two copies of undici would not share classes). */
function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'UNKNOWN';
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (name === 'TimeoutError') return 'ETIMEDOUT';
  if (name === 'AbortError' && typeof code !== 'string') return 'ABORTED';
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? String(name ?? 'UNKNOWN') : errorCode(cause);
}
