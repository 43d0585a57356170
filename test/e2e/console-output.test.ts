import { describe, expect, it } from 'vitest';
import { fixture, spawnApp } from '../helpers/spawn-app.js';

describe('console output for people watching their app', () => {
  it('EZLOGS_EXPORTER=console prints one readable line per event on stderr, nothing on stdout', async () => {
    const app = spawnApp(fixture('short-lived.mjs'), { env: { EZLOGS_EXPORTER: 'console', MODE: 'console' } });
    const { code } = await app.exited;
    expect(code).toBe(0);
    expect(app.stdout()).toBe('');
    const lines = app.stderr().trim().split('\n');
    const request = lines.find((l) => l.includes('http.request'));
    expect(request).toMatch(/^\[ezlogs\] \d\d:\d\d:\d\d\.\d{3} http\.request +GET \/work {2}success [\d.]+ms {2}trace=[0-9a-f]{8} req=req_[0-9A-Z]{26} {2}/);
    expect(lines.filter((l) => l.includes('script.done'))).toHaveLength(1);
    expect(lines.find((l) => l.includes('http.client'))).toMatch(/GET 127\.0\.0\.1\/work/);
  });

  it('EZLOGS_DEBUG=1 adds the console lines to the chosen exporter and says how it started', async () => {
    const app = spawnApp(fixture('short-lived.mjs'), { env: { EZLOGS_EXPORTER: 'none', EZLOGS_DEBUG: '1', MODE: 'debug' } });
    expect((await app.exited).code).toBe(0);
    expect(app.stderr()).toMatch(/\[ezlogs\] debug: started: service=@ezlogs\/node exporters=none instrumentations=http,undici,pg/);
    expect(app.stderr()).toContain('script.done');
  });
});
