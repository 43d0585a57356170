// The shop app as a child process, started the way a user starts theirs:
// `node --import @ezlogs/node/register shop-app.mjs`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const registerEntry = fileURLToPath(new URL('../../dist/register/register.mjs', import.meta.url));
const shopApp = fileURLToPath(new URL('../shop-app.mjs', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const stopGraceMs = 5000;

/** @returns {Promise<{ url: string, ready: object, output: () => string, stop: () => Promise<void> }>} */
export async function startShop({ env, timeoutMs }) {
  if (!existsSync(registerEntry)) throw new Error(`${registerEntry} is missing: build the package first (npm run build)`);
  const child = spawn(process.execPath, ['--import', registerEntry, shopApp], { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
    timer.unref();
    await exited;
    clearTimeout(timer);
  };
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`the shop app did not start within ${timeoutMs} ms`)), timeoutMs);
    const onData = () => {
      const line = /^SHOP_READY (\{.*\})$/m.exec(output);
      if (line) done(undefined, JSON.parse(line[1]));
    };
    const onExit = (code) => done(new Error(`the shop app exited (${code}) before it was ready`));
    function done(err, value) {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(value);
    }
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  }).catch(async (err) => {
    await stop();
    err.message += `\n--- shop app output ---\n${output || '(none)'}`;
    throw err;
  });
  return { url: `http://127.0.0.1:${ready.port}`, ready, output: () => output, stop };
}
