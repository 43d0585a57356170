import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fixture, nodeBinary, spawnApp } from '../helpers/spawn-app.js';

const require = createRequire(import.meta.url);
// Type stripping is on by default from Node 22.18 and 23.6: ask the binary under test itself.
const stripsTypes = ['strip', 'transform'].includes(execFileSync(nodeBinary, ['-p', 'String(process.features.typescript)']).toString().trim());
const env = { EZLOGS_EXPORTER: 'console' };

/** The events a run printed, without times and ids: what must be the same across ways of running. */
function eventShapes(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('[ezlogs] ') && !l.includes(' warn: ') && !l.includes(' debug: '))
    .map((l) => l.replace(/^\[ezlogs\] \S+ /, '').replace(/ [\d.]+ms/, '').replace(/ {2}trace=.*$/, '').replace(/\s+/g, ' '))
    .sort();
}

async function runShapes(...args: Parameters<typeof spawnApp>): Promise<string[]> {
  const app = spawnApp(...args);
  const { code } = await app.exited;
  expect(code, app.stderr()).toBe(0);
  return eventShapes(app.stderr());
}

describe('TypeScript apps are instrumented like JavaScript apps (issue 11)', () => {
  it('an app run through tsx produces the same events as the JavaScript app', async () => {
    const js = await runShapes(fixture('ts-app-equivalent.mjs'), { env });
    expect(js).toEqual(['http.client GET 127.0.0.1/orders/:id success', 'http.request GET /orders/:id success', 'order.viewed viewed success']);
    const tsx = await runShapes(fixture('ts-app.ts'), { env, nodeArgs: ['--import', require.resolve('tsx')] });
    expect(tsx).toEqual(js);
  });

  it.skipIf(!stripsTypes)('a .ts app on Node 22.18+/24 (built-in type stripping) produces the same events', async () => {
    const js = await runShapes(fixture('ts-app-equivalent.mjs'), { env });
    const ts = await runShapes(fixture('ts-app.ts'), { env });
    expect(ts).toEqual(js);
  });
});
