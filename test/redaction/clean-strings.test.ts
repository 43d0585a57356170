import { describe, expect, it } from 'vitest';
import { CleanStrings } from '../../src/redaction/clean-strings.js';

describe('CleanStrings', () => {
  it('remembers what it was given and nothing else', () => {
    const clean = new CleanStrings(4);
    clean.add('GET /orders/:id');
    expect(clean.has('GET /orders/:id')).toBe(true);
    expect(clean.has('GET /orders/:id/pay')).toBe(false);
  });

  it('keeps a string that keeps coming back through a stream of one-off strings many times its size', () => {
    const clean = new CleanStrings(100);
    const statement = 'SELECT * FROM orders WHERE id = $1';
    clean.add(statement);
    for (let i = 0; i < 10_000; i++) {
      clean.add(`/orders/${i}`);
      if (i % 50 === 0) expect(clean.has(statement)).toBe(true);
    }
    expect(clean.has(statement)).toBe(true);
  });

  it('forgets a string not seen for two generations, so its memory stays bounded', () => {
    const clean = new CleanStrings(100);
    clean.add('once');
    for (let i = 0; i < 200; i++) clean.add(`/orders/${i}`);
    expect(clean.has('once')).toBe(false);
    expect(clean.has('/orders/0')).toBe(false);
    expect(clean.has('/orders/199')).toBe(true);
  });
});
