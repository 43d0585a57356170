import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const runDemo = fileURLToPath(new URL('../../demo/run-demo.mjs', import.meta.url));

export interface DemoProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first match in stdout+stderr; rejects with the output so far on exit or timeout. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

/**
 * `node demo/run-demo.mjs` as `npm run demo` runs it, on a free port (DEMO_PORT=0) so tests
 * and a developer's own demo on 4800 never collide. The demo's own DATABASE_URL/REDIS_URL
 * come only from `env`.
 */
export function startDemo(env: Record<string, string> = {}, args: string[] = []): DemoProcess {
  const base: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DEMO_PORT: '0', DEMO_TIMEOUT_MS: '30000' };
  const started = Date.now();
  const child = spawn(process.execPath, [runDemo, ...args], { cwd: repoRoot, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const wakers = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    out += chunk.toString();
    for (const wake of wakers) wake();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal, ms: Date.now() - started });
      for (const wake of wakers) wake();
    });
  });
  return {
    child,
    output: () => out,
    exited,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`no ${pattern} within ${timeoutMs} ms; demo output:\n${out}`)), timeoutMs);
        const check = (): void => {
          const m = pattern.exec(out);
          if (m) finish(undefined, m);
          else if (child.exitCode !== null || child.signalCode !== null) finish(new Error(`the demo exited (${child.exitCode ?? child.signalCode}) before ${pattern}; output:\n${out}`));
        };
        function finish(err: Error | undefined, m?: RegExpMatchArray): void {
          clearTimeout(timer);
          wakers.delete(check);
          if (err) reject(err);
          else resolve(m as RegExpMatchArray);
        }
        wakers.add(check);
        check();
      });
    },
  };
}

/** Runs the demo to its end, SIGKILLing it if it overruns `timeoutMs`. */
export async function runDemoToEnd(env: Record<string, string>, timeoutMs: number): Promise<{ code: number | null; ms: number; output: string }> {
  const demo = startDemo(env);
  const killer = setTimeout(() => demo.child.kill('SIGKILL'), timeoutMs);
  const { code, ms } = await demo.exited;
  clearTimeout(killer);
  return { code, ms, output: demo.output() };
}

/** The printed flows: one per `ok`/`FAILED` line, with the step lines under it. */
export interface PrintedFlow {
  failed: boolean;
  /** The request line without its duration and trace id, e.g. `POST /orders/:id/pay 502`. */
  head: string;
  traceId: string;
  /** `<depth> [x ]<event_type> <action> [status]`, durations and service left out. */
  steps: string[];
}

export function printedFlows(output: string): PrintedFlow[] {
  const flows: PrintedFlow[] = [];
  for (const line of output.split('\n')) {
    const head = /^(ok|FAILED) +(.+?) +[\d.]+ ms +trace ([0-9a-f]{32})/.exec(line);
    if (head) flows.push({ failed: head[1] === 'FAILED', head: (head[2] ?? '').replace(/\s+/g, ' '), traceId: head[3] ?? '', steps: [] });
    const step = /^ {7}([ x]) ( *)(\S+) +(.+?)(?: +[\d.]+ ms)? +shop\b/.exec(line);
    if (step && flows.length > 0) {
      const depth = (step[2] ?? '').length / 2 + 1;
      flows[flows.length - 1]?.steps.push(`${depth} ${step[1] === 'x' ? 'x ' : ''}${step[3]} ${(step[4] ?? '').replace(/\s+/g, ' ')}`);
    }
  }
  return flows;
}
