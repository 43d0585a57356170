import * as http from 'node:http';
import * as https from 'node:https';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
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
  /** The `X-Ezlogs-Health` value for the next batch, if any. */
  healthHeader?: () => string | undefined;
}

/** The health snapshot as base64 JSON: header-safe whatever `last_error` holds. */
export function healthHeaderValue(health: object): string | undefined {
  try {
    const text = JSON.stringify(health);
    return text.length > 6000 ? undefined : Buffer.from(text, 'utf8').toString('base64');
  } catch {
    return undefined;
  }
}

// Taken when this module loads, which the agent does before it enables the HTTP
// instrumentation: our own POSTs then run unpatched, never traced and at no span cost.
const requestHttp = http.request;
const requestHttps = https.request;

/**
 * POSTs batches over node's own keep-alive agent; never throws, every failure becomes a result.
 * node:http rather than undici: the app has it loaded already, while undici's start-up
 * (llhttp compiled from WebAssembly) cost ~60 ms and ~11 MiB in every app process
 * (bench/startup.mjs, 2026-12-02), for no gain at a handful of connections.
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const endpoint = new URL(options.endpoint);
  const secure = endpoint.protocol === 'https:';
  const agentOptions: http.AgentOptions = { keepAlive: true, keepAliveMsecs: 1000, maxSockets: options.maxConnections, maxFreeSockets: options.maxConnections, scheduling: 'lifo' };
  // Idle keep-alive sockets are unref'd by node's agent, so they never keep the app alive.
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  const request = secure ? requestHttps : requestHttp;
  const inflight = new Map<http.ClientRequest, Promise<TransportResult>>();

  const send = (batch: EncodedBatch, signal: AbortSignal): Promise<TransportResult> => {
    const started = performance.now();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(batch.body.length),
      'user-agent': userAgent,
      'x-batch-id': batch.id,
    };
    if (batch.gzipped) headers['content-encoding'] = 'gzip';
    if (options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;
    const health = options.healthHeader?.();
    if (health !== undefined) headers['x-ezlogs-health'] = health;
    let req: http.ClientRequest | undefined;
    const result = new Promise<TransportResult>((resolve) => {
      let settled = false;
      const finish = (r: AttemptResult & { body?: string }): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        signal.removeEventListener('abort', onAbort);
        resolve({ ...r, durationMs: performance.now() - started });
      };
      const fail = (code: string): void => {
        finish({ kind: 'error', code });
        req?.destroy();
      };
      const onAbort = (): void => fail('ABORTED');
      const deadline = setTimeout(() => fail('ETIMEDOUT'), options.timeoutMs);
      deadline.unref();
      // Belt and braces for an already-patched http (another SDK loaded first): suppressed context.
      req = context.with(suppressTracing(context.active()), () =>
        request({ protocol: endpoint.protocol, hostname: endpoint.hostname.replace(/^\[|\]$/g, ''), port: endpoint.port || undefined, path: targetPath(endpoint, batch.format), method: 'POST', headers, agent }),
      );
      req.on('error', (err: NodeJS.ErrnoException) => finish({ kind: 'error', code: errorCode(err) }));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const retryAfter = res.headers['retry-after'];
        const done = (): void => finish({ kind: 'response', status: res.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, body: Buffer.concat(chunks).toString('utf8') });
        res.on('data', (chunk: Buffer) => {
          const room = maxResponseBodyBytes - size;
          chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
          size += Math.min(chunk.length, room);
          if (size >= maxResponseBodyBytes) {
            done();
            res.destroy();
          }
        });
        res.on('end', done);
        // The status already arrived; a body cut short does not change what it said.
        res.on('error', done);
        res.on('close', done);
      });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      req.end(batch.body);
    });
    if (req) {
      const r = req;
      inflight.set(r, result);
      void result.then(() => inflight.delete(r));
    }
    return result;
  };

  return {
    send,
    close: async () => {
      await Promise.all(inflight.values());
      agent.destroy();
    },
    destroy: async () => {
      for (const req of inflight.keys()) req.destroy();
      agent.destroy();
    },
  };
}

/** Errors are matched by code, never by class. */
function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'UNKNOWN';
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? String(name ?? 'UNKNOWN') : errorCode(cause);
}
