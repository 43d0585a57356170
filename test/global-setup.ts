import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Fixture apps import `@ezlogs/node` the way a user's app does, through node_modules:
 * a link to the built package stands in for `npm i @ezlogs/node`.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const scope = fileURLToPath(new URL('./e2e/fixtures/node_modules/@ezlogs', import.meta.url));
  mkdirSync(scope, { recursive: true });
  rmSync(`${scope}/node`, { force: true, recursive: true });
  symlinkSync(root, `${scope}/node`, 'dir');
}
