// The host-overhead service (bench/service/service.cjs, unchanged) loaded by raw keep-alive
// sockets from inside its own process: no load generator to share the CPU with, so what one
// request costs the process can be counted, not just timed. `node [--import agent]
// in-process-load.cjs <requests>` serves `BENCH_WARMUP_REQUESTS` (200) requests, then
// <requests> more, and prints `RESULT {"requests":n,"cpu_us_per_request":...}`. The client is
// node:net, which neither agent turns into spans, so only the server's side is instrumented.
const net = require('node:net');
const { server, pool } = require('../service/service.cjs');

const requests = Number(process.argv[2] ?? 2_000);
const warmup = Number(process.env.BENCH_WARMUP_REQUESTS ?? 200);
const connections = 8;
const request = Buffer.from('GET /items/42 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');

/** One keep-alive connection: `get()` sends a request and resolves when its whole response is in. */
function openConnection(port) {
  const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
  socket.setEncoding('latin1');
  let received = '';
  let done;
  socket.on('data', (chunk) => {
    received += chunk;
    const end = responseEnd(received);
    if (end === -1) return;
    received = received.slice(end);
    const resolve = done;
    done = undefined;
    resolve?.();
  });
  return () => new Promise((resolve) => {
    done = resolve;
    socket.write(request);
  });
}

/** Where the first complete response in `text` ends, or -1: Content-Length or chunked bodies. */
function responseEnd(text) {
  const head = text.indexOf('\r\n\r\n');
  if (head === -1) return -1;
  const length = /content-length: *(\d+)/i.exec(text.slice(0, head));
  if (length) {
    const end = head + 4 + Number(length[1]);
    return text.length >= end ? end : -1;
  }
  const last = text.indexOf('\r\n0\r\n\r\n', head);
  return last === -1 ? -1 : last + 7;
}

async function load(gets, total) {
  let started = 0;
  await Promise.all(gets.map(async (get) => {
    while (started < total) {
      started++;
      await get();
    }
  }));
}

server.once('listening', async () => {
  const gets = Array.from({ length: connections }, () => openConnection(server.address().port));
  await load(gets, warmup);
  const before = process.cpuUsage();
  await load(gets, requests);
  const cpu = process.cpuUsage(before);
  process.stdout.write(`RESULT ${JSON.stringify({ requests, cpu_us_per_request: (cpu.user + cpu.system) / requests })}\n`);
  await pool.end();
  process.exit(0);
});
