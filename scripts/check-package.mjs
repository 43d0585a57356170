// Checks the package as users get it (issue 10): packs it, lints the tarball with publint and
// @arethetypeswrong/cli (node16 ESM/CJS and bundler resolution), and checks that it holds only
// what users need. Run after `npm run build`: `npm run check:package`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args, opts = {}) => String(execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], ...opts }) ?? '');
const dir = mkdtempSync(join(tmpdir(), 'ezlogs-pack-'));
const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir]));
const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz')));
const files = packed[0].files.map((f) => f.path);

const allowed = /^(dist\/.+\.(js|mjs|d\.ts|d\.mts)|package\.json|README\.md|LICENSE)$/;
const bad = files.filter((f) => !allowed.test(f) || /(^|\/)(test|fixtures?|__tests__)\//.test(f) || f.endsWith('.map'));
if (bad.length > 0) {
  console.error(`the tarball holds files users do not need:\n  ${bad.join('\n  ')}`);
  process.exit(1);
}
for (const entry of ['dist/index.js', 'dist/index.mjs', 'dist/register/register.js', 'dist/register/register.mjs', 'dist/testing/index.js', 'dist/cli/ezlogs.js']) {
  if (!files.includes(entry)) {
    console.error(`the tarball lacks ${entry}`);
    process.exit(1);
  }
}
console.log(`tarball: ${files.length} files, ${packed[0].size} bytes packed, ${packed[0].unpackedSize} unpacked`);
run('npx', ['publint', '--strict', tarball], { stdio: 'inherit' });
run('npx', ['attw', '--profile', 'node16', tarball], { stdio: 'inherit' });
console.log('package check: ok');
