import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainIsEsm } from '../../src/register/main-is-esm.js';

describe('mainIsEsm: whether the ESM loader hook (and its thread) is needed', () => {
  const root = mkdtempSync(join(tmpdir(), 'ezlogs-main-'));
  mkdirSync(join(root, 'esm', 'src'), { recursive: true });
  mkdirSync(join(root, 'cjs'), { recursive: true });
  writeFileSync(join(root, 'esm', 'package.json'), '{"type":"module"}');
  writeFileSync(join(root, 'cjs', 'package.json'), '{"name":"x"}');
  writeFileSync(join(root, 'broken.json'), '');

  it.each([
    [['node', join(root, 'cjs', 'app.mjs')], [], true],
    [['node', join(root, 'esm', 'app.cjs')], [], false],
    [['node', join(root, 'esm', 'src', 'app.js')], [], true],
    [['node', join(root, 'esm', 'src', 'app.ts')], [], true],
    [['node', join(root, 'cjs', 'app.js')], [], false],
    [['node', join(root, 'cjs', 'app.cts')], [], false],
    [['node', join(root, 'cjs', 'app.jsx')], [], true],
    [['node'], ['-e'], false],
    [['node'], ['--input-type=module', '-e'], true],
    [['node'], [], true],
  ])('%j with %j -> %s', (argv, execArgv, expected) => {
    expect(mainIsEsm(argv, execArgv)).toBe(expected);
  });
});
