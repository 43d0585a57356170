// The service under load in the host-overhead bench: node:http, one Postgres query per request,
// a JSON response. CommonJS on purpose: vanilla OpenTelemetry and @ezlogs/node both instrument
// `require('pg')` and `node:http` without a loader hook, so neither is favoured.
const http = require('node:http');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
const itemPath = /^\/items\/(\d+)$/;

const server = http.createServer((req, res) => {
  const match = itemPath.exec(req.url ?? '');
  if (!match) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
    return;
  }
  pool.query('SELECT id, name, price_cents, updated_at FROM ezlogs_bench_items WHERE id = $1', [Number(match[1])]).then(
    (result) => {
      const body = JSON.stringify({ item: result.rows[0] ?? null, served_at: new Date().toISOString() });
      res.writeHead(result.rows.length > 0 ? 200 : 404, { 'content-type': 'application/json' });
      res.end(body);
    },
    (err) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: err.message }));
    },
  );
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`READY ${server.address().port}\n`));
// bench/instructions/in-process-load.cjs drives this same server from inside the process.
module.exports = { server, pool };
process.on('SIGTERM', () => {
  server.close();
  pool.end().finally(() => process.exit(0));
});
