import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envTable } from '../../src/config/env-table.js';

describe('README env table', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  it.each(envTable.map((s) => [s.env] as const))('documents %s', (env) => {
    expect(readme).toMatch(new RegExp(`\\|\\s*\`${env}\``));
  });
});
