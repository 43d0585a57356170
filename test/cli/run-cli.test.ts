import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { captureIo } from './capture-io.js';

describe('ezlogs', () => {
  it('`dev` starts the receiver, prints where it listens, and logs one line per request', async () => {
    const io = captureIo();
    const result = await runCli(['dev', '--port', '0', '--fail-rate', '0'], io);
    try {
      expect(result.code).toBe(0);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.text())?.[1];
      expect(url).toBeDefined();
      expect(io.text()).toContain(`send events: EZLOGS_ENDPOINT=${url}/events node --import @ezlogs/node/register app.js`);
      expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'healthy' });
      await fetch(`${url}/events`, { method: 'POST', body: '[]' });
      expect(io.stdout.at(-1)).toMatch(/POST \/events 200 accepted=0 duplicates=0 rejected=0$/);
    } finally {
      await result.stop?.();
    }
  });

  it('`dev` with a bad flag exits 2 naming it', async () => {
    const io = captureIo();
    expect((await runCli(['dev', '--burst', '0'], io)).code).toBe(2);
    expect(io.stderr[0]).toBe('ezlogs dev: --burst=0 is invalid: expected an integer from 1 to 1000000');
  });

  it('`dev` on a busy port says so and exits 1', async () => {
    const firstIo = captureIo();
    const first = await runCli(['dev', '--port', '0', '--quiet'], firstIo);
    try {
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(firstIo.text())?.[1] ?? 'missing';
      const io = captureIo();
      const second = await runCli(['dev', '--port', port], io);
      expect(second.code).toBe(1);
      expect(second.stop).toBeUndefined();
      expect(io.stderr).toEqual([`ezlogs dev: cannot start: 127.0.0.1:${port} is already in use (try --port)`]);
    } finally {
      await first.stop?.();
    }
  });

  it('an unknown command exits 2 with the usage', async () => {
    const io = captureIo();
    expect((await runCli(['serve'], io)).code).toBe(2);
    expect(io.stderr.join('\n')).toContain('unknown command "serve"');
    expect(io.stderr.join('\n')).toContain('usage: ezlogs <command>');
  });
});
