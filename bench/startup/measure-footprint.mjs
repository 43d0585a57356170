// Issue 10: what `npm i` brings. The packed tarball of this repo (as built in dist/) and vanilla
// auto-instrumentation, each installed into an empty folder: size on disk and package counts.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runToEnd } from '../lib/child-process.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const vanillaSpec = '@opentelemetry/auto-instrumentations-node@0.81.2';

/** Top-level package folders of a node_modules (scoped ones counted per package, `.bin` not at all). */
export function countTopLevel(nodeModules) {
  let count = 0;
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    count += entry.startsWith('@') ? readdirSync(join(nodeModules, entry)).length : 1;
  }
  return count;
}

/** Every installed package, nested ones included, from the lockfile npm wrote. */
export function countAllPackages(lockfileText) {
  const lock = JSON.parse(lockfileText);
  return Object.keys(lock.packages ?? {}).filter((key) => key !== '').length;
}

async function duBytes(path, apparent) {
  const { stdout } = await runToEnd('du', apparent ? ['-sb', path] : ['-sk', path]);
  const n = Number(stdout.split('\t')[0]);
  return apparent ? n : n * 1024;
}

async function installInto(dir, spec) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'footprint-probe', version: '1.0.0', private: true }));
  const started = performance.now();
  await runToEnd('npm', ['install', spec, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, timeoutMs: 300_000 });
  const nodeModules = join(dir, 'node_modules');
  return {
    spec,
    install_seconds: (performance.now() - started) / 1000,
    disk_bytes: await duBytes(nodeModules, false),
    apparent_bytes: await duBytes(nodeModules, true),
    top_level_packages: countTopLevel(nodeModules),
    all_packages: countAllPackages(readFileSync(join(dir, 'package-lock.json'), 'utf8')),
  };
}

export async function measureFootprint({ log = () => {} } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'ezlogs-footprint-'));
  try {
    const { stdout } = await runToEnd('npm', ['pack', '--json', '--pack-destination', work], { cwd: repoRoot, timeoutMs: 120_000 });
    const packed = JSON.parse(stdout)[0];
    log(`packed ${packed.filename}: ${packed.size} bytes, ${packed.entryCount} files`);
    const ezlogs = await installInto(join(work, 'ezlogs'), join(work, packed.filename));
    log(`installed the tarball: ${ezlogs.disk_bytes} bytes, ${ezlogs.top_level_packages} top-level packages`);
    const vanilla = await installInto(join(work, 'vanilla'), vanillaSpec);
    log(`installed ${vanillaSpec}: ${vanilla.disk_bytes} bytes, ${vanilla.top_level_packages} top-level packages`);
    return {
      tarball: { file: packed.filename, bytes: packed.size, unpacked_bytes: packed.unpackedSize, files: packed.entryCount },
      ezlogs: { ...ezlogs, spec: packed.filename },
      vanilla,
      size_ratio: ezlogs.disk_bytes / vanilla.disk_bytes,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
