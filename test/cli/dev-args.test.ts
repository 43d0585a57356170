import { describe, expect, it } from 'vitest';
import { parseDevArgs } from '../../src/cli/dev-args.js';

describe('parseDevArgs', () => {
  it('defaults to 127.0.0.1:4800, open, no faults', () => {
    expect(parseDevArgs([], {})).toEqual({ ok: true, args: { port: 4800, host: '127.0.0.1', options: {}, quiet: false } });
  });

  it.each([
    [['--port', '0'], { port: 0 }],
    [['--host', '0.0.0.0'], { host: '0.0.0.0' }],
    [['--api-keys', 'a, b,,c'], { options: { apiKeys: ['a', 'b', 'c'] } }],
    [['--rate-limit', '2.5', '--burst', '5'], { options: { rateLimit: 2.5, burst: 5 } }],
    [['--fail-rate', '0.3', '--latency-ms', '20', '--down-for-ms', '1000'], { options: { faults: { failRate: 0.3, latencyMs: 20, downForMs: 1000 } } }],
    [['--max-events', '50'], { options: { maxEvents: 50 } }],
    [['--database-url', 'postgres://u@h/db'], { options: { databaseUrl: 'postgres://u@h/db' } }],
    [['--quiet'], { quiet: true }],
  ])('parses %j', (argv, expected) => {
    const result = parseDevArgs(argv, {});
    expect(result).toMatchObject({ ok: true, args: expected });
  });

  it('reads EZLOGS_API_KEYS when --api-keys is absent', () => {
    expect(parseDevArgs([], { EZLOGS_API_KEYS: 'k1,k2' })).toMatchObject({ ok: true, args: { options: { apiKeys: ['k1', 'k2'] } } });
    expect(parseDevArgs(['--api-keys', 'k3'], { EZLOGS_API_KEYS: 'k1' })).toMatchObject({ ok: true, args: { options: { apiKeys: ['k3'] } } });
  });

  it.each([
    [['--port', '70000'], '--port=70000 is invalid: expected an integer from 0 to 65535'],
    [['--fail-rate', '2'], '--fail-rate=2 is invalid: expected a number from 0 to 1'],
    [['--burst', 'lots'], '--burst=lots is invalid: expected an integer from 1 to 1000000'],
    [['--database-url', 'mysql://x'], '--database-url must be a postgres:// or postgresql:// URL'],
  ])('refuses %j naming the flag and what is accepted', (argv, message) => {
    expect(parseDevArgs(argv, {})).toEqual({ ok: false, error: message });
  });

  it('refuses an unknown flag', () => {
    const result = parseDevArgs(['--prot', '1'], {});
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/--prot/);
  });
});
