import { readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/**
 * Whether the app's entry point is an ES module. The ESM loader hook runs on a thread of its
 * own (~40 ms and ~12 MiB at start-up, bench/startup.mjs), and only ES modules need it: a
 * CommonJS app's packages, the instrumented ones included, load through `require`, which the
 * instrumentations hook without it. When in doubt the answer is yes: a missing hook silently
 * loses events, an unneeded one only costs start-up time.
 */
export function mainIsEsm(argv: readonly string[] = process.argv, execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((a) => a === '--input-type=module' || a.startsWith('--experimental-default-type'))) return true;
  const main = argv[1];
  if (!main) return execArgv.some((a) => a === '-e' || a === '--eval' || a === '-p' || a === '--print') ? false : true;
  const ext = extname(main);
  if (ext === '.mjs' || ext === '.mts') return true;
  if (ext === '.cjs' || ext === '.cts') return false;
  if (ext !== '.js' && ext !== '.ts' && ext !== '') return true;
  return nearestPackageType(dirname(main)) === 'module';
}

function nearestPackageType(start: string): string | undefined {
  let dir = start;
  for (let i = 0; i < 64; i++) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return parsed && typeof parsed === 'object' ? String((parsed as { type?: unknown }).type ?? 'commonjs') : 'commonjs';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return 'module';
    }
    const parent = dirname(dir);
    if (parent === dir) return 'commonjs';
    dir = parent;
  }
  return 'module';
}
