// A service's whole life in miniature: listen, serve one request to itself, exit. Under the
// agent, that first request is what loads it (a CommonJS app's agent loads on first use).
const http = require('node:http');

const server = http.createServer((_req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', () => {
  http.get(`http://127.0.0.1:${server.address().port}/first`, (res) => {
    res.resume();
    res.on('end', () => server.close());
  });
});
