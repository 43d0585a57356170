// The pipeline's stages one by one, in microseconds of the app thread per event, on the span
// shapes of the pipeline bench: map (span -> event), redact, serialize, wrap (the batch body),
// gzip (one batch, on this thread so it can be timed; the agent runs it on the libuv pool).
// serialize = each event's JSON, wrap = the batch body's bytes from them (what Batcher.cut does);
// `--whole-batch` times the former way instead: one JSON.stringify of the batch, then Buffer.from.
// `--level N` gzips at zlib level N instead of the agent's.
// Build first: npx tsc -p tsconfig.build.json ; then: node bench/micro/pipeline-stages.bench.mjs
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { requestSpans } from '../pipeline/span-shapes.mjs';

const require = createRequire(import.meta.url);
const dist = (path) => require(`../../dist/${path}`);
const { BasicTracerProvider } = require(require.resolve('@opentelemetry/sdk-trace-base', { paths: [require.resolve('../../dist/agent.js')] }));
const { mapSpan } = dist('events/map-span.js');
const { createRedactor } = dist('redaction/redactor.js');
const { serializeEvent } = dist('delivery/wire-format.js');
const { bodyOfItems } = dist('delivery/encode-batch.js');
const wholeBatch = process.argv.includes('--whole-batch');
const batchSize = 500;
const { gzipLevel } = dist('delivery/encode-batch.js');
const levelArg = process.argv.indexOf('--level');
const level = levelArg === -1 ? gzipLevel ?? 6 : Number(process.argv[levelArg + 1]);

const spans = [];
const provider = new BasicTracerProvider({ spanProcessors: [{ onStart() {}, onEnd: (s) => spans.push(s), forceFlush: async () => {}, shutdown: async () => {} }] });
const tracer = provider.getTracer('stages');
for (let i = 0; i < 5_000; i++) requestSpans(tracer, (span) => span.end());

const redactor = createRedactor({ extraKeys: [], patterns: ['email', 'card', 'ssn', 'phone', 'iban', 'jwt', 'secret', 'bearer'], maxEventBytes: 8192 });
const platform = Object.freeze({ service: 'bench', environment: 'production', version: '1.4.0', host: 'web-1', sdk: 'ezlogs-node/0.1.0', runtime: 'node/20.20.2' });
const sanitizeUrl = (url) => redactor.sanitizeUrl(url);

const rounds = 5;
const totals = { map: 0, redact: 0, serialize: 0, wrap: 0, gzip: 0 }; // wrap: the body's text to bytes
let rawBytes = 0;
let gzipBytes = 0;
for (let round = 0; round < rounds + 1; round++) {
  const t = { map: 0n, redact: 0n, serialize: 0n, wrap: 0n, gzip: 0n };
  const events = new Array(spans.length);
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < spans.length; i++) events[i] = mapSpan(spans[i], undefined, platform, sanitizeUrl);
  let t1 = process.hrtime.bigint();
  t.map = t1 - t0;
  for (let i = 0; i < events.length; i++) redactor.redactEvent(events[i]);
  t0 = process.hrtime.bigint();
  t.redact = t0 - t1;
  let bodies;
  if (wholeBatch) {
    const texts = [];
    for (let i = 0; i < events.length; i += batchSize) texts.push(JSON.stringify(events.slice(i, i + batchSize)));
    t1 = process.hrtime.bigint();
    t.serialize = t1 - t0;
    bodies = texts.map((text) => Buffer.from(text));
  } else {
    const items = new Array(events.length);
    for (let i = 0; i < events.length; i++) items[i] = serializeEvent(events[i], 'events');
    t1 = process.hrtime.bigint();
    t.serialize = t1 - t0;
    bodies = [];
    for (let i = 0; i < items.length; i += batchSize) bodies.push(bodyOfItems(items.slice(i, i + batchSize), 'events'));
  }
  t0 = process.hrtime.bigint();
  t.wrap = t0 - t1;
  let zipped = 0;
  for (const body of bodies) zipped += gzipSync(body, { level }).length;
  t.gzip = process.hrtime.bigint() - t0;
  if (round === 0) continue; // warm-up
  for (const key of Object.keys(totals)) totals[key] += Number(t[key]) / 1000 / events.length;
  rawBytes = bodies.reduce((sum, body) => sum + body.length, 0);
  gzipBytes = zipped;
}
console.log('| stage | us per event |');
console.log('|---|---|');
let sum = 0;
for (const [stage, us] of Object.entries(totals)) {
  sum += us / rounds;
  console.log(`| ${stage} | ${(us / rounds).toFixed(3)} |`);
}
console.log(`| total | ${sum.toFixed(3)} |`);
console.log(`\n${spans.length} events (${wholeBatch ? `each batch of ${batchSize} in one JSON.stringify` : `${batchSize} per batch, each event serialized on its own`}), ${Math.round(rawBytes / spans.length)} bytes each, gzip level ${level}: ratio ${(rawBytes / gzipBytes).toFixed(2)}`);
