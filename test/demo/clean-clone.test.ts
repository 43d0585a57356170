import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { printedFlows, repoRoot } from './run-demo-process.js';

/** What a clone holds before any build: sources and config, dependencies installed, no dist/. */
function cleanClone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ezlogs-clone-'));
  for (const entry of ['src', 'demo', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) cpSync(join(repoRoot, entry), join(dir, entry), { recursive: true });
  // Stands in for `npm install`, without touching the registry.
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('npm run demo on a clean clone, right after the install command', () => {
  const dir = cleanClone();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the package itself, then runs the demo and prints its flows', async () => {
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    const child = spawn(process.execPath, ['demo/run-demo.mjs'], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DEMO_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(killer);

    expect(code, output).toBe(0);
    expect(output).toMatch(/^Building @ezlogs\/node into dist\//);
    expect(existsSync(join(dir, 'dist/register/register.mjs'))).toBe(true);
    const flows = printedFlows(output);
    expect(flows).toHaveLength(7);
    expect(flows.filter((f) => f.failed).map((f) => f.head)).toEqual(['POST /orders/:id/pay 502']);
    expect(flows.find((f) => f.head === 'POST /orders/:id/pay 200')?.steps).toContain('1 job.perform emails.send-receipt');
  }, 110_000);
});
