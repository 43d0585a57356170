import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedReceiver, type ScriptedReceiver } from './helpers/scripted-receiver.js';

// These run the compiled engine (dist/): `npm test` builds first.
const fixture = join(import.meta.dirname, 'fixtures', 'engine-child.mjs');
let receiver: ScriptedReceiver | undefined;

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** A loopback URL nothing listens on: every connection is refused. */
async function deadEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/events`;
}

function start(args: string[]): { child: ChildProcess; lines: string[]; exited: Promise<{ code: number | null; signal: string | null; ms: number }> } {
  const started = performance.now();
  const child = spawn(process.execPath, [fixture, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  child.stderr?.resume();
  const exited = new Promise<{ code: number | null; signal: string | null; ms: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, ms: performance.now() - started })));
  return { child, lines, exited };
}

async function waitForLine(lines: string[], prefix: string, timeoutMs: number): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const line = lines.find((l) => l.startsWith(prefix));
    if (line) return line;
    if (performance.now() > deadline) throw new Error(`no "${prefix}" line within ${timeoutMs} ms (got ${lines.join(' | ')})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('delivery engine across processes', () => {
  it('delivers, from a new process, what a SIGKILLed one spooled while the endpoint was down', async () => {
    const spoolDir = mkdtempSync(join(tmpdir(), 'ezlogs-kill-'));
    const first = start(['spool-then-hang', await deadEndpoint(), spoolDir, '200']);
    await waitForLine(first.lines, 'spooled', 15_000);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    receiver = await startScriptedReceiver();
    const second = start(['replay', receiver.url, spoolDir, '200']);
    expect(await waitForLine(second.lines, 'replayed', 15_000)).toBe('replayed 200');
    const expected = Array.from({ length: 200 }, (_, i) => `evt_${first.child.pid}_${i}`);
    expect([...receiver.delivered].sort()).toEqual(expected.sort());
    expect((await second.exited).code).toBe(0);
  });

  it('lets an idle process exit at once, persisting its buffer on exit, and a later process delivers it', async () => {
    const spoolDir = mkdtempSync(join(tmpdir(), 'ezlogs-exit-'));
    const first = start(['exit-idle', await deadEndpoint(), spoolDir, '35']);
    const { code, ms } = await first.exited;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(3_000);

    receiver = await startScriptedReceiver();
    const second = start(['replay', receiver.url, spoolDir, '35']);
    expect(await waitForLine(second.lines, 'replayed', 15_000)).toBe('replayed 35');
    expect(receiver.delivered.size).toBe(35);
  });
});
