import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// `npm test` builds first; a bare `vitest run` before any build skips this with a message.
const bin = process.env.EZLOGS_BIN ?? 'dist/cli/ezlogs.js';
const built = existsSync(bin);
if (!built) console.warn(`skipping the ezlogs bin test: ${bin} is not built (npm run build)`);

describe.skipIf(!built)('the ezlogs bin in a real process', () => {
  it('`ezlogs dev` serves until SIGTERM, then exits 0', async () => {
    const child = spawn(process.execPath, [bin, 'dev', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    try {
      let stdout = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(stdout);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code} before listening: ${stdout}`)));
      });
      expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'healthy' });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      clearTimeout(killer);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('`ezlogs help` prints the usage and exits 0', async () => {
    const child = spawn(process.execPath, [bin, 'help'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(stdout).toContain('usage: ezlogs <command>');
  });
});
