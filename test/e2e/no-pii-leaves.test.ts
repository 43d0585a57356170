import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCollector } from '../helpers/event-collector.js';
import { fixture, spawnApp, type RunningApp } from '../helpers/spawn-app.js';

const secrets = {
  email: 'jane.doe+shop@example.org',
  card: '4111 1111 1111 1111',
  cardDigits: '4111111111111111',
  password: 'Tr0ub4dor&3-horse',
  bearer: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
};

function allFiles(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? allFiles(path) : [path];
    });
  } catch {
    return [];
  }
}

describe('nothing of a user secret leaves the process (issue 4)', () => {
  const collector = new EventCollector();
  let app: RunningApp;
  let spoolDir: string;

  beforeAll(async () => {
    const endpoint = await collector.start();
    spoolDir = mkdtempSync(join(tmpdir(), 'ezlogs-pii-'));
    app = spawnApp(fixture('pii-app.mjs'), {
      env: {
        DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
        EZLOGS_ENDPOINT: endpoint,
        EZLOGS_EXPORTER: 'ezlogs,console',
        EZLOGS_FLUSH_INTERVAL_MS: '100',
        EZLOGS_SPOOL_DIR: spoolDir,
        EZLOGS_IGNORE_PATHS: '',
      },
    });
    const port = (await app.waitForLine(/READY (\d+)/))[1];
    const query = `email=${encodeURIComponent(secrets.email)}&card=${encodeURIComponent(secrets.card)}&password=${encodeURIComponent(secrets.password)}`;
    const res = await fetch(`http://127.0.0.1:${port}/signup/7?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secrets.bearer}`, 'x-contact': secrets.email, 'content-type': 'application/json' },
      body: JSON.stringify({ email: secrets.email, card: secrets.card, password: secrets.password, token: secrets.bearer }),
    });
    expect(res.status).toBe(201);
    await collector.waitFor((all) => all.some((e) => e.event_type === 'http.request' && e.action.startsWith('POST')) && all.some((e) => e.event_type === 'log'));
    // Exit through SIGTERM: whatever is left would be spooled, and the spool is checked too.
    app.kill('SIGTERM');
    await app.exited;
  });

  afterAll(() => collector.stop());

  it('sends none of them to the endpoint, while trace id, route and status arrive', () => {
    const wire = collector.requests.map((r) => (r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.raw) : r.raw).toString('utf8')).join('\n');
    for (const [name, value] of Object.entries(secrets)) expect(wire.includes(value), `${name} reached the endpoint`).toBe(false);
    expect(wire).not.toContain(secrets.password.slice(0, 8));
    const request = collector.events.find((e) => e.event_type === 'http.request' && e.action.startsWith('POST'))!;
    expect(request.action).toBe('POST /signup/:id');
    expect(request.metadata.status_code).toBe(201);
    expect(request.correlation.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(collector.events.some((e) => e.event_type === 'user.signup')).toBe(true);
    expect(collector.events.some((e) => e.event_type === 'db.query')).toBe(true);
  });

  it('prints none of them on the console (the app’s own pino output aside)', () => {
    const ours = app.stderr().split('\n').filter((l) => l.startsWith('[ezlogs]')).join('\n');
    expect(ours).toContain('http.request');
    for (const [name, value] of Object.entries(secrets)) expect(ours.includes(value), `${name} printed`).toBe(false);
  });

  it('writes none of them to the spool (endpoint down, so everything is spooled)', async () => {
    const downDir = mkdtempSync(join(tmpdir(), 'ezlogs-pii-down-'));
    const down = spawnApp(fixture('pii-app.mjs'), {
      env: { DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', EZLOGS_ENDPOINT: 'http://127.0.0.1:9/events', EZLOGS_RETRY_ATTEMPTS: '0', EZLOGS_SPOOL_DIR: downDir, EZLOGS_IGNORE_PATHS: '', EZLOGS_SHUTDOWN_TIMEOUT_MS: '500' },
    });
    const port = (await down.waitForLine(/READY (\d+)/))[1];
    await fetch(`http://127.0.0.1:${port}/signup/8`, { method: 'POST', headers: { authorization: `Bearer ${secrets.bearer}` }, body: JSON.stringify({ email: secrets.email, card: secrets.card, password: secrets.password, token: secrets.bearer }) });
    down.kill('SIGTERM');
    await down.exited;
    const files = allFiles(downDir);
    expect(files.length, 'the spool holds the undelivered events').toBeGreaterThan(0);
    let spooled = '';
    for (const file of files) {
      const bytes = readFileSync(file);
      spooled += bytes.toString('latin1');
      const gz = bytes.indexOf(Buffer.from([0x1f, 0x8b]));
      if (gz >= 0) {
        try {
          spooled += gunzipSync(bytes.subarray(gz)).toString('utf8');
        } catch {
          // a header byte pair that only looked like gzip: the raw text above is still checked
        }
      }
    }
    expect(spooled).toContain('user.signup');
    for (const [name, value] of Object.entries(secrets)) expect(spooled.includes(value), `${name} spooled`).toBe(false);
  });
});
