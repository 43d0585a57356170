export const helpText = `usage: ezlogs <command> [flags]

commands:
  dev      start the local receiver and its page (default http://127.0.0.1:4800)
  doctor   print the configuration a process would get here, its problems,
           and whether the endpoint is reachable and accepts the key
  spool    [list|replay|clear] [--dir <path>]: what the spool directory holds,
           send it to the endpoint now, or delete it (default: EZLOGS_SPOOL_DIR)
  help     this text

ezlogs dev flags:
  --port <n>              port (default 4800; 0 picks a free one)
  --host <addr>           address to bind (default 127.0.0.1)
  --database-url <url>    also store events in PostgreSQL (needs the pg package)
  --api-keys <k1,k2>      accepted API keys (env EZLOGS_API_KEYS); none = open
  --rate-limit <n>        requests per second per key (default 100; 0 = off)
  --burst <n>             requests a key may send at once (default 200)
  --max-events <n>        events kept in memory (default 10000)
  --max-body-bytes <n>    largest request body on the wire (default 10485760)
  --fail-rate <0..1>      answer this fraction of ingest requests 503
  --latency-ms <n>        delay every ingest answer
  --down-for-ms <n>       answer 503 to everything for this long after start
  --quiet                 no line per request
`;
