import { describe, expect, it } from 'vitest';
import { fixture, spawnApp } from '../helpers/spawn-app.js';

describe('safe in real apps (issue 11)', () => {
  it('popular ESM and dual packages (openai, got, ky, axios, zod, ...) load and behave the same with the agent', async () => {
    const bare = spawnApp(fixture('popular-esm.mjs'), { preload: 'none' });
    const withAgent = spawnApp(fixture('popular-esm.mjs'), { env: { EZLOGS_EXPORTER: 'none' } });
    const [a, b] = await Promise.all([bare.exited, withAgent.exited]);
    expect(a.code, bare.stderr()).toBe(0);
    expect(b.code, withAgent.stderr()).toBe(0);
    expect(withAgent.stdout()).toBe(bare.stdout());
    expect(JSON.parse(bare.stdout())).toMatchObject({ openai: ['function', 'function'], zod: true, dateFns: '2026-01-04' });
    expect(withAgent.stderr()).toBe('');
  });

  it('names a package that was loaded before the agent, with the fix, and reports it in health()', async () => {
    const app = spawnApp(fixture('loaded-before.cjs'), { preload: 'none' });
    const { code } = await app.exited;
    expect(code, app.stderr()).toBe(0);
    expect(app.stderr()).toContain('express was loaded before @ezlogs/node started');
    expect(app.stderr()).toContain('node --import @ezlogs/node/register app.js');
    expect(app.stderr()).not.toContain('pg was loaded before');
    const report = JSON.parse(app.stdout()) as Array<{ module: string; state: string }>;
    expect(report).toEqual(expect.arrayContaining([
      expect.objectContaining({ module: 'express', state: 'loaded before agent' }),
      expect.objectContaining({ module: 'pg', state: 'patched' }),
    ]));
  });

  it('OTEL_NODE_DISABLED_INSTRUMENTATIONS turns an instrumentation off like in vanilla OpenTelemetry', async () => {
    const app = spawnApp(fixture('short-lived.mjs'), { env: { EZLOGS_EXPORTER: 'console', OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'undici,@opentelemetry/instrumentation-pg', MODE: 'otel-switch' } });
    expect((await app.exited).code).toBe(0);
    expect(app.stderr()).toContain('http.request');
    expect(app.stderr()).not.toContain('http.client');
  });
});
