import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../helpers/spawn-app.js';

export const jobsFixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Fixture apps import `@ezlogs/node` as a user's app does: through a node_modules link to the built package. */
export function linkPackageForFixtures(): void {
  const scope = fileURLToPath(new URL('./fixtures/node_modules/@ezlogs', import.meta.url));
  mkdirSync(scope, { recursive: true });
  rmSync(`${scope}/node`, { force: true, recursive: true });
  try {
    symlinkSync(repoRoot, `${scope}/node`, 'dir');
  } catch (err) {
    // Another test file linked it at the same moment.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}
