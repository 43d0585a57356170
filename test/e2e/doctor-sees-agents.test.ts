import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/cli/doctor.js';
import { captureIo } from '../cli/capture-io.js';
import { fixture, spawnApp } from '../helpers/spawn-app.js';

describe('ezlogs doctor and the agents that ran (issue 11)', () => {
  it('shows a package that an app loaded before the agent, with the fix', async () => {
    const spoolDir = mkdtempSync(join(tmpdir(), 'ezlogs-doctor-agents-'));
    const app = spawnApp(fixture('loaded-before.cjs'), { preload: 'none', env: { EZLOGS_SPOOL_DIR: spoolDir } });
    expect((await app.exited).code, app.stderr()).toBe(0);
    const io = captureIo({ EZLOGS_SPOOL_DIR: spoolDir, EZLOGS_EXPORTER: 'none' });
    await runDoctor(io);
    const text = io.text();
    expect(text).toMatch(new RegExp(`pid ${app.child.pid} \\(@ezlogs/node, node [\\d.]+, last seen .*\\): patched pg@`));
    expect(text).toContain('problem: express loaded before the agent, so not fully instrumented; fix: start with node --import @ezlogs/node/register app.js');
  });
});
