import { expect, test } from 'vitest';
import { detectorNames } from '../../src/config/config.js';
import { createRedactor } from '../../src/redaction/redactor.js';
import { bestTimeMs } from '../helpers/best-time.js';

/**
 * ReDoS guard: each input is built to make a backtracking matcher for that rule go quadratic
 * or worse (seconds for 100 KB). Scanning is linear: ~1-10 ms here, so the bound is 50 ms, loose
 * enough for a slow or shared CI machine and still two orders of magnitude below a backtracking
 * blow-up. Its speed proper is measured by bench/micro/redaction.bench.mjs, not here.
 */
const hostile: Record<string, string> = {
  email: `${'a'.repeat(100_000)}@`,
  emailMany: 'a@a.'.repeat(25_000),
  card: '4111 '.repeat(20_000),
  digits: '1'.repeat(100_000),
  ssnPhone: '123-45-'.repeat(14_000),
  plus: '+1 2'.repeat(25_000),
  parens: '(415) '.repeat(16_000),
  iban: 'DE89 '.repeat(20_000),
  jwt: 'eyJ'.repeat(33_000),
  jwtDots: `eyJ${'a.'.repeat(50_000)}`,
  secret: 'sk-'.repeat(33_000),
  pem: '-----BEGIN '.repeat(9_000),
  bearer: 'Bearer '.repeat(14_000),
  keyed: 'password='.repeat(11_000),
  json: '{"token":"'.repeat(10_000),
  colons: 'a:'.repeat(50_000),
  url: 'http://'.repeat(14_000),
};

const redactor = createRedactor({ extraKeys: [], patterns: [...detectorNames], maxEventBytes: 8192, limits: { maxStringLength: 200_000 } });

test.each(Object.entries(hostile))('%s: 100 KB of hostile input is scanned in under 50 ms', (_name, input) => {
  expect(bestTimeMs(5, () => redactor.redactString(input))).toBeLessThan(50);
});
