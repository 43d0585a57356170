import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const registerEsm = fileURLToPath(new URL('../../dist/register/register.mjs', import.meta.url));
export const registerCjs = fileURLToPath(new URL('../../dist/register/register.js', import.meta.url));
export const fixture = (name: string): string => fileURLToPath(new URL(`../e2e/fixtures/${name}`, import.meta.url));

/** The node binary under test: the machine's, or the one CI selects (Node 24 from the npm registry). */
export const nodeBinary = process.env.EZLOGS_TEST_NODE ?? process.execPath;

export interface RunningApp {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout line matching, e.g. `READY 1234`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  kill(signal?: NodeJS.Signals): void;
}

export interface SpawnOptions {
  preload?: 'import' | 'require' | 'none';
  env?: Record<string, string | undefined>;
  args?: string[];
  /** Node options placed before the agent's flag, e.g. `['--import', 'tsx']`. */
  nodeArgs?: string[];
}

/** Spawns `node --import <built register> <app>` with a clean, explicit environment. */
export function spawnApp(script: string, options: SpawnOptions = {}): RunningApp {
  const preload = options.preload ?? 'import';
  const flags = preload === 'import' ? ['--import', registerEsm] : preload === 'require' ? ['--require', registerCjs] : [];
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
  for (const [k, v] of Object.entries(options.env ?? {})) if (v !== undefined) env[k] = v;
  const started = Date.now();
  const child = spawn(nodeBinary, [...(options.nodeArgs ?? []), ...flags, script, ...(options.args ?? [])], { env, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const lineWaiters: Array<() => void> = [];
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
    for (const w of lineWaiters.splice(0)) w();
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve({ code, signal, ms: Date.now() - started });
      for (const w of lineWaiters.splice(0)) w();
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    async waitForLine(pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const m = out.match(pattern);
        if (m) return m;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`app exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}\nstdout:\n${out}\nstderr:\n${err}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for ${pattern}\nstdout:\n${out}\nstderr:\n${err}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.min(left, 100));
          lineWaiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
  };
}
