import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/redaction/detectors/all-detectors.js';
import { createKeyMatcher } from '../../src/redaction/sensitive-keys.js';
import { createTextScanner } from '../../src/redaction/text-scanner.js';

const scanner = () => createTextScanner({ detectors: allDetectors, keyMatcher: createKeyMatcher() });

describe('createTextScanner: strings seen before', () => {
  it('returns a string with nothing to redact as the same instance, the first time and every time after', () => {
    const scan = scanner();
    const route = 'POST /orders/:id/pay';
    expect(scan(route)).toBe(route);
    expect(scan(route)).toBe(route);
  });

  it('masks a string with PII every time it comes back, not only the first time', () => {
    const scan = scanner();
    for (let i = 0; i < 3; i++) expect(scan('contact bob@example.com')).toBe('contact [EMAIL]');
    for (let i = 0; i < 3; i++) expect(scan('password=hunter2&x=1')).toBe('password=[REDACTED]&x=1');
  });

  it('still masks PII in a string that only differs from a clean one it has seen', () => {
    const scan = scanner();
    expect(scan('note: call back later')).toBe('note: call back later');
    expect(scan('note: call 415-555-0132 back later')).toBe('note: call [PHONE] back later');
  });

  it('gives the same answers after far more distinct clean strings than it remembers', () => {
    const scan = scanner();
    for (let i = 0; i < 5_000; i++) {
      const path = `/orders/item-${i.toString(36)}/pay`;
      expect(scan(path)).toBe(path);
      if (i % 1_000 === 0) expect(scan(`user${i}@example.com paid`)).toBe('[EMAIL] paid');
    }
  });

  it('gives a clean string with digits back unchanged every time, and masks a repeated string with PII every time', () => {
    const scan = scanner();
    const statement = 'SELECT id FROM items WHERE id = $1 AND price > 100';
    for (let i = 0; i < 3; i++) expect(scan(statement)).toBe(statement);
    for (let i = 0; i < 3; i++) expect(scan('card 4111 1111 1111 1111 on file')).toBe('card [CARD] on file');
    for (let i = 0; i < 3; i++) expect(scan('/orders/415-555-0132/pay')).toBe('/orders/[PHONE]/pay');
  });

  it('scans long strings in full every time', () => {
    const scan = scanner();
    const long = `${'x '.repeat(200)}ok`;
    expect(scan(long)).toBe(long);
    expect(scan(`${long} bob@example.com`)).toBe(`${long} [EMAIL]`);
  });
});
