import { expect, test } from 'vitest';
import { packageNameOf } from '../../src/register/first-use.js';

test.each([
  ['pg', 'pg'],
  ['pg/lib/client', 'pg'],
  ['@opentelemetry/api', '@opentelemetry/api'],
  ['@opentelemetry/api/build/src/index.js', '@opentelemetry/api'],
  ['@scope', '@scope'],
  ['./pg', '.'],
  ['../express', '..'],
  ['/srv/app/node_modules/pg/lib/index.js', ''],
  ['node:http', 'node:http'],
])('the package a require of %s asks for is %s', (id, name) => {
  expect(packageNameOf(id)).toBe(name);
});
