import { dirname } from 'node:path';
import type { InstrumentationName } from '../config/config';

/** The npm package each instrumentation hooks; http and undici hook node itself. */
export const packageOf: Readonly<Partial<Record<InstrumentationName, string>>> = {
  pg: 'pg',
  express: 'express',
  fastify: 'fastify',
  pino: 'pino',
  winston: 'winston',
  bullmq: 'bullmq',
  bull: 'bull',
};

/**
 * Whether the app can load the package an instrumentation is for. One instrumentation not built
 * is one package (and its SDK parts) not loaded at start-up: most apps have two or three of
 * these, not seven. Resolved from the app's entry point and the working directory, the places
 * its own `require` would look; when neither resolves, the app cannot load it either.
 */
export function isInstalledForApp(name: InstrumentationName, argv: readonly string[] = process.argv): boolean {
  const pkg = packageOf[name];
  if (!pkg) return true;
  const paths = [process.cwd(), ...(argv[1] ? [dirname(argv[1])] : [])];
  try {
    require.resolve(`${pkg}/package.json`, { paths });
    return true;
  } catch {
    try {
      // Packages whose exports map hides package.json still resolve by name.
      require.resolve(pkg, { paths });
      return true;
    } catch {
      return false;
    }
  }
}
