// Child processes of the benches: started, awaited until they say they are ready, and always stopped.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * Spawns a process that prints `READY <port>` on stdout when it listens; resolves with the
 * child and the port, or rejects with its stderr when it exits or stays silent too long.
 */
export function spawnReady(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? ['ipc'] : [])], env: options.env, cwd: options.cwd });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => {
    if (stderr.length < 20_000) stderr += d;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${args.join(' ')} not ready after ${options.timeoutMs ?? 15_000} ms: ${stderr}`)), options.timeoutMs ?? 15_000);
    const fail = (err) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    child.stdout.on('data', (d) => {
      stdout += d;
      const match = /READY (\d+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({ child, port: Number(match[1]), stderr: () => stderr });
    });
    child.once('exit', (code) => fail(new Error(`${args.join(' ')} exited with ${code} before it was ready: ${stderr}`)));
  });
}

/** Stops a child (SIGTERM, then SIGKILL after a grace period) and waits for its exit. */
export async function stopChild(child, graceMs = 2_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Runs a command to completion, collecting stdout; rejects on a non-zero exit or after the timeout. */
export function runToEnd(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env, cwd: options.cwd });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    if (stderr.length < 20_000) stderr += d;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal}): ${stderr.slice(-2000)}`));
    });
  });
}
