// A fresh clone has no dist/ (it is built, not committed): the demo builds it on first run,
// so `npm install && npm run demo` is all a newcomer types.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const needed = ['dist/index.js', 'dist/index.mjs', 'dist/register/register.mjs', 'dist/receiver/index.js'];
const buildTimeoutMs = 180_000;

export async function ensureBuild(log) {
  if (needed.every((file) => existsSync(`${repoRoot}/${file}`))) return;
  const tsc = `${repoRoot}/node_modules/typescript/bin/tsc`;
  if (!existsSync(tsc)) throw new Error('dist/ is missing and TypeScript is not installed: run `npm install`, then `npm run build`');
  log('Building @ezlogs/node into dist/ (first run only) ...');
  const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), buildTimeoutMs);
  const code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? signal)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`the build failed (${code}); \`npm run build\` shows why:\n${output.slice(-4000)}`);
}
