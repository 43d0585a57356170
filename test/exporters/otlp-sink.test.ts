import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode, isTracingSuppressed } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { createDeliveryEngine } from '../../src/delivery/delivery-engine.js';
import { createOtlpSink, type OtlpSink } from '../../src/exporters/otlp-sink.js';
import { createReceiver, type Receiver } from '../../src/receiver/index.js';
import { asJson, byId, mappingCorpus } from './otlp-events.js';

const spoolDir = mkdtempSync(join(tmpdir(), 'ezlogs-otlp-sink-'));
const configWith = (options: Partial<Config>): Readonly<Config> => resolveConfig({ env: {}, options: { spoolDir, flushIntervalMs: 20, shutdownTimeoutMs: 2000, ...options } }).config;

let receiver: Receiver;
let base: string;
const open: OtlpSink[] = [];
const sinkTo = (url: string, options: Partial<Config> = {}): OtlpSink => {
  const sink = createOtlpSink(configWith(options), { exporter: new OTLPLogExporter({ url }) });
  open.push(sink);
  return sink;
};

beforeAll(async () => {
  receiver = createReceiver();
  base = (await receiver.listen(0)).url;
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.shutdown()));
});
afterAll(async () => {
  await receiver.close();
  rmSync(spoolDir, { recursive: true, force: true });
});

describe('otlp sink against the dev receiver', () => {
  it('delivers every field of every event, exactly as the ezlogs exporter does', async () => {
    const corpus = mappingCorpus();
    const viaEvents = createReceiver();
    const eventsUrl = (await viaEvents.listen(0)).eventsUrl;
    const otlpReceiver = createReceiver();
    const otlpBase = (await otlpReceiver.listen(0)).url;
    try {
      const engine = createDeliveryEngine(configWith({ endpoint: eventsUrl }));
      const sink = sinkTo(`${otlpBase}/v1/logs`);
      for (const event of corpus) {
        engine.accept(event);
        sink.accept(event);
      }
      await Promise.all([engine.shutdown(), sink.flush()]);

      const fromOtlp = asJson(otlpReceiver.events()).sort(byId);
      expect(fromOtlp).toHaveLength(corpus.length);
      expect(fromOtlp).toStrictEqual(asJson(viaEvents.events()).sort(byId));
      expect(fromOtlp).toStrictEqual(asJson(corpus).sort(byId));
      expect(otlpReceiver.stats()).toMatchObject({ events_accepted: corpus.length, events_rejected: 0 });
    } finally {
      await Promise.all([viaEvents.close(), otlpReceiver.close()]);
    }
  });

  it('survives a Collector in between: int64 as strings, empty ids left out, gzip', async () => {
    // What the Collector's pdata JSON encoding does to our request before its otlphttp exporter
    // sends it on (protobuf JSON mapping: 64-bit ints are strings, empty bytes fields vanish).
    const reencode = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reencode);
      if (typeof value !== 'object' || value === null) return value;
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        if ((key === 'traceId' || key === 'spanId') && inner === '') continue;
        out[key] = key === 'intValue' ? String(inner) : reencode(inner);
      }
      return out;
    };
    const bodies: string[] = [];
    const capture = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => capture.listen(0, '127.0.0.1', r));
    try {
      const corpus = mappingCorpus();
      const sink = sinkTo(`http://127.0.0.1:${(capture.address() as AddressInfo).port}/v1/logs`);
      for (const event of corpus) sink.accept(event);
      await sink.flush();
      expect(bodies).toHaveLength(1);
      const relayed = JSON.stringify(reencode(JSON.parse(bodies[0] ?? '{}')));
      expect(relayed).toContain('"intValue":"201"');
      const before = receiver.events().length;
      const res = await fetch(`${base}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(relayed) });
      expect(res.status).toBe(200);
      expect(asJson(receiver.events().slice(before)).sort(byId)).toStrictEqual(asJson(corpus).sort(byId));
    } finally {
      capture.closeAllConnections();
      capture.close();
    }
  });

  it('posts OTLP/HTTP JSON (not protobuf) to /v1/logs', async () => {
    const sink = sinkTo(`${base}/v1/logs`);
    const before = receiver.requests().length;
    sink.accept(mappingCorpus()[0]!);
    await sink.flush();
    const [request] = receiver.requests().slice(before);
    expect(request).toMatchObject({ method: 'POST', path: '/v1/logs', status: 200, accepted: 1 });
    expect(request?.headers['content-type']).toBe('application/json');
    expect(sink.stats()).toMatchObject({ exported: 1, exports: 1, failedExports: 0 });
  });

  it('cuts batches of at most EZLOGS_BATCH_SIZE events', async () => {
    const sink = sinkTo(`${base}/v1/logs`, { batchSize: 10 });
    const before = receiver.requests().length;
    for (let i = 0; i < 25; i++) sink.accept({ ...mappingCorpus()[3]!, event_id: `evt_batch_${i}` });
    await sink.flush();
    expect(receiver.requests().slice(before).map((r) => r.accepted)).toEqual([10, 10, 5]);
  });

  it('sends a lone event within EZLOGS_FLUSH_INTERVAL_MS without being asked', async () => {
    const sink = sinkTo(`${base}/v1/logs`, { flushIntervalMs: 30 });
    const id = 'evt_interval_1';
    const started = Date.now();
    sink.accept({ ...mappingCorpus()[3]!, event_id: id });
    await receiver.waitForEvents((events) => events.some((e) => e.event_id === id), 3000);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a refused export as counted data and never rejects', async () => {
    const sink = sinkTo(`${base}/v1/logs/v1/logs`);
    sink.accept(mappingCorpus()[0]!);
    sink.accept(mappingCorpus()[1]!);
    await expect(sink.flush()).resolves.toBeUndefined();
    expect(sink.stats()).toMatchObject({ exported: 0, failedExports: 1, dropped: { export_failed: 2 } });
  });
});

describe('otlp sink bounds', () => {
  /** An exporter whose exports never finish: the queue can only grow. */
  const stuckExporter = (): LogRecordExporter & { calls: number } => {
    const exporter = { calls: 0, export: () => void (exporter.calls += 1), shutdown: () => new Promise<void>(() => undefined), forceFlush: () => Promise.resolve() };
    return exporter;
  };

  it('drops and counts events beyond EZLOGS_BUFFER_SIZE while an export is stuck', async () => {
    const exporter = stuckExporter();
    const sink = createOtlpSink(configWith({ bufferSize: 5, batchSize: 2, shutdownTimeoutMs: 50 }), { exporter });
    for (let i = 0; i < 10; i++) sink.accept({ ...mappingCorpus()[3]!, event_id: `evt_q_${i}` });
    // 2 went out in the stuck export, 5 wait, 3 had no room.
    expect(exporter.calls).toBe(1);
    expect(sink.stats()).toMatchObject({ queued: 5, dropped: { queue_full: 3 } });
    await sink.shutdown();
    expect(sink.stats()).toMatchObject({ queued: 0, dropped: { queue_full: 3, shutdown: 5 } });
  });

  it('finishes shutdown within shutdownTimeoutMs while the endpoint never answers', async () => {
    const hanging: Server = createServer(() => undefined);
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/v1/logs`;
    try {
      const sink = createOtlpSink(configWith({ shutdownTimeoutMs: 300, batchSize: 1 }), { exporter: new OTLPLogExporter({ url, timeoutMillis: 10_000 }) });
      sink.accept(mappingCorpus()[0]!);
      sink.accept(mappingCorpus()[1]!);
      const started = Date.now();
      await sink.shutdown();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(sink.stats().dropped.shutdown).toBe(1);
      sink.accept(mappingCorpus()[2]!);
      expect(sink.stats().dropped.shutdown).toBe(2);
      await expect(sink.shutdown()).resolves.toBeUndefined();
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it('exports with tracing suppressed, also in the exporter’s later async steps', async () => {
    const manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
    try {
      const seen: boolean[] = [];
      const exporter: LogRecordExporter = {
        export(_records, done) {
          seen.push(isTracingSuppressed(context.active()));
          setTimeout(() => {
            seen.push(isTracingSuppressed(context.active()));
            done({ code: ExportResultCode.SUCCESS });
          }, 1);
        },
        shutdown: () => Promise.resolve(),
        forceFlush: () => Promise.resolve(),
      };
      const sink = createOtlpSink(configWith({}), { exporter });
      sink.accept(mappingCorpus()[0]!);
      await sink.flush();
      expect(seen).toEqual([true, true]);
      expect(isTracingSuppressed(context.active())).toBe(false);
    } finally {
      context.disable();
    }
  });

  it('survives an exporter that throws', async () => {
    const exporter: LogRecordExporter = {
      export: () => {
        throw new Error('exporter bug');
      },
      shutdown: () => {
        throw new Error('also broken');
      },
      forceFlush: () => Promise.resolve(),
    };
    const sink = createOtlpSink(configWith({}), { exporter });
    sink.accept(mappingCorpus()[0]!);
    await expect(sink.flush()).resolves.toBeUndefined();
    await expect(sink.shutdown()).resolves.toBeUndefined();
    expect(sink.stats()).toMatchObject({ failedExports: 1, dropped: { export_failed: 1 } });
  });
});
