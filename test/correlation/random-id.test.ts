import { isValidSpanId, isValidTraceId } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { randomHex } from '../../src/correlation/random-id.js';

describe('randomHex: trace and span ids', () => {
  const ids = { generateTraceId: () => randomHex(16), generateSpanId: () => randomHex(8) };

  it('makes W3C-valid trace and span ids: lowercase hex of 32 and 16 characters', () => {
    for (let i = 0; i < 2000; i++) {
      const traceId = ids.generateTraceId();
      const spanId = ids.generateSpanId();
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(isValidTraceId(traceId)).toBe(true);
      expect(isValidSpanId(spanId)).toBe(true);
    }
  });

  it('does not repeat an id, across many refills of the random pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(ids.generateSpanId());
    expect(seen.size).toBe(50_000);
  });

  it('uses every hex digit in every position (no stuck nibble in the encoding)', () => {
    const digitsAt = Array.from({ length: 32 }, () => new Set<string>());
    for (let i = 0; i < 3000; i++) [...randomHex(16)].forEach((c, at) => digitsAt[at]?.add(c));
    for (const digits of digitsAt) expect(digits.size).toBe(16);
  });
});
