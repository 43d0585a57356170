import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTraceSampler } from '../../src/events/sampler.js';

describe('createTraceSampler', () => {
  const ids = Array.from({ length: 4000 }, () => randomBytes(16).toString('hex'));

  it('keeps everything at 1 and nothing at 0', () => {
    expect(ids.every(createTraceSampler(1))).toBe(true);
    expect(ids.some(createTraceSampler(0))).toBe(false);
  });

  it('keeps about the given share, the same choice every time for one trace', () => {
    const keep = createTraceSampler(0.25);
    const kept = ids.filter(keep);
    expect(kept.length / ids.length).toBeGreaterThan(0.2);
    expect(kept.length / ids.length).toBeLessThan(0.3);
    const again = createTraceSampler(0.25);
    expect(ids.filter(again)).toEqual(kept);
  });
});
