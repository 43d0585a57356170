import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCollector } from '../helpers/event-collector.js';
import { fixture, spawnApp } from '../helpers/spawn-app.js';
import { freshSpoolDir } from '../helpers/fresh-dir.js';

const collector = new EventCollector();
let endpoint: string;
const baseEnv = (): Record<string, string> => ({ EZLOGS_ENDPOINT: endpoint, EZLOGS_SPOOL_DIR: freshSpoolDir('lifecycle') });

beforeAll(async () => {
  endpoint = await collector.start();
});
afterAll(() => collector.stop());

describe('process lifecycle with the agent loaded', () => {
  it('lets a short script exit promptly on its own and delivers its events first', async () => {
    const app = spawnApp(fixture('short-lived.mjs'), { env: { ...baseEnv(), MODE: 'natural' } });
    const { code, ms } = await app.exited;
    expect(code, app.stderr()).toBe(0);
    expect(ms).toBeLessThan(5000);
    const events = collector.events.filter((e) => e.metadata.mode === 'natural');
    expect(events.map((e) => e.event_type)).toEqual(['script.done']);
  });

  it('works the same under --require for a CommonJS preload', async () => {
    const app = spawnApp(fixture('short-lived.mjs'), { preload: 'require', env: { ...baseEnv(), MODE: 'required' } });
    expect((await app.exited).code, app.stderr()).toBe(0);
    expect(collector.events.some((e) => e.metadata.mode === 'required')).toBe(true);
  });

  it('spools what is buffered when the app calls process.exit() and replays it at the next start', async () => {
    const env = { ...baseEnv(), EZLOGS_FLUSH_INTERVAL_MS: '60000', MODE: 'exit-call' };
    const first = spawnApp(fixture('short-lived.mjs'), { env });
    expect((await first.exited).code, first.stderr()).toBe(0);
    const second = spawnApp(fixture('short-lived.mjs'), { env: { ...env, MODE: 'natural-after-exit' } });
    expect((await second.exited).code, second.stderr()).toBe(0);
    await collector.waitFor((all) => all.some((e) => e.metadata.mode === 'exit-call'));
  });

  it('flushes on SIGTERM and then ends a process that has no SIGTERM handler of its own', async () => {
    const app = spawnApp(fixture('sigterm-wait.mjs'), { env: { ...baseEnv(), EZLOGS_FLUSH_INTERVAL_MS: '60000' } });
    await app.waitForLine(/READY/);
    app.kill('SIGTERM');
    const { signal, ms } = await app.exited;
    expect(signal).toBe('SIGTERM');
    expect(ms).toBeLessThan(8000);
    expect(collector.events.some((e) => e.event_type === 'server.started')).toBe(true);
  });

  it('does not hide an app crash or change its exit code', async () => {
    const app = spawnApp(fixture('throws-at-start.mjs'), { env: baseEnv() });
    const { code } = await app.exited;
    expect(code).toBe(1);
    expect(app.stderr()).toContain('app failed to start on its own');
  });
});

describe('configuration at start', () => {
  it('names a bad env value, its value and what is accepted, and runs with the default', async () => {
    const app = spawnApp(fixture('short-lived.mjs'), { env: { ...baseEnv(), MODE: 'bad-config', EZLOGS_BATCH_SIZE: 'lots', EZLOGS_SAMPLE_RATE: '7', EZLOGS_API_KEY: '' } });
    expect((await app.exited).code).toBe(0);
    expect(app.stderr()).toContain('EZLOGS_BATCH_SIZE="lots" is invalid: expected an integer from 1 to 10000; using the default (500)');
    expect(app.stderr()).toContain('EZLOGS_SAMPLE_RATE="7" is invalid: expected a number from 0 to 1');
    expect(collector.events.some((e) => e.metadata.mode === 'bad-config')).toBe(true);
  });

  it('never prints credentials found in a bad value', async () => {
    const app = spawnApp(fixture('short-lived.mjs'), { env: { ...baseEnv(), MODE: 'bad-url', EZLOGS_ENDPOINT: 'ftp://user:hunter2@example.invalid' } });
    expect((await app.exited).code).toBe(0);
    expect(app.stderr()).toContain('EZLOGS_ENDPOINT="ftp://***@example.invalid" is invalid');
    expect(app.stderr()).not.toContain('hunter2');
    expect(app.stderr()).toContain('expected an http:// or https:// URL');
  });

  for (const variable of ['EZLOGS_DISABLED', 'OTEL_SDK_DISABLED']) {
    it(`${variable}=true loads and patches nothing`, async () => {
      const app = spawnApp(fixture('disabled-probe.cjs'), { env: { ...baseEnv(), [variable]: 'true' } });
      expect((await app.exited).code).toBe(0);
      expect(JSON.parse(app.stdout())).toEqual({ loaded: 0, patched: false });
    });
  }

  it('hooks node:http when enabled (the probe above can tell), loading OpenTelemetry only on first use', async () => {
    const app = spawnApp(fixture('disabled-probe.cjs'), { preload: 'require', env: { ...baseEnv(), EZLOGS_EXPORTER: 'none' } });
    expect((await app.exited).code).toBe(0);
    const probe = JSON.parse(app.stdout()) as { loaded: number; patched: boolean };
    expect(probe.patched).toBe(true);
    // A CommonJS app's agent loads at its first instrumented work (first-use.test.ts).
    expect(probe.loaded).toBe(0);
  });

  it('an ES module app loads OpenTelemetry on first use where node runs module hooks in-thread, else at start', async () => {
    const app = spawnApp(fixture('disabled-probe.mjs'), { env: { ...baseEnv(), EZLOGS_EXPORTER: 'none' } });
    expect((await app.exited).code, app.stderr()).toBe(0);
    const probe = JSON.parse(app.stdout()) as { loaded: number; patched: boolean; syncHooks: boolean };
    expect(probe.patched).toBe(true);
    // Node 20's hook thread cannot make the app's thread load the agent before an import: at start.
    if (probe.syncHooks) expect(probe.loaded).toBe(0);
    else expect(probe.loaded).toBeGreaterThan(0);
  });
});
