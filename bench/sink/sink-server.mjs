// The loopback sink of every bench, in its own process: `node sink-server.mjs ok|hang [--count-events]`.
// `ok` accepts ezlogs batches (any path) and OTLP (`/v1/traces`) alike and answers 200 at once;
// `hang` accepts connections and bodies and never answers. Counters go to the parent over IPC
// (`'stats'` message), never over HTTP, so asking for them costs the measured agent nothing.
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';

const mode = process.argv[2] === 'hang' ? 'hang' : 'ok';
// Decoding costs the sink CPU on a shared machine, so only the pipeline bench asks for it.
const countEvents = process.argv.includes('--count-events');
const stats = { requests: 0, bytes: 0, events: 0, undecodable: 0, by_path: {} };

function countBatch(body, encoding) {
  try {
    const json = encoding === 'gzip' ? gunzipSync(body) : body;
    const parsed = JSON.parse(json.toString('utf8'));
    if (Array.isArray(parsed)) stats.events += parsed.length;
  } catch {
    stats.undecodable++;
  }
}

const server = createServer((req, res) => {
  stats.requests++;
  stats.by_path[req.url] = (stats.by_path[req.url] ?? 0) + 1;
  const chunks = [];
  req.on('data', (chunk) => {
    stats.bytes += chunk.length;
    if (countEvents) chunks.push(chunk);
  });
  if (mode === 'hang') return;
  req.on('end', () => {
    if (countEvents && !req.url.startsWith('/v1/')) countBatch(Buffer.concat(chunks), req.headers['content-encoding']);
    const otlp = req.url.startsWith('/v1/');
    res.writeHead(200, { 'content-type': otlp ? req.headers['content-type'] ?? 'application/json' : 'application/json' });
    res.end(otlp ? (req.headers['content-type'] === 'application/json' ? '{}' : '') : '{}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`READY ${server.address().port}\n`));
process.on('message', (message) => {
  if (message === 'stats') process.send?.({ stats });
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
