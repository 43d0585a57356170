import { describe, expect, test } from 'vitest';
import { redactHeaders } from '../../src/redaction/redact-headers.js';
import { sanitizeUrl } from '../../src/redaction/sanitize-url.js';

describe('sanitizeUrl', () => {
  test.each([
    ['/orders?email=x&token=y', '/orders?email=x&token=[REDACTED]'],
    ['/orders?email=bob%40example.com&page=2', '/orders?email=[EMAIL]&page=2'],
    ['https://user:pa55@api.example.com/v1/charges?api_key=k&limit=10', 'https://api.example.com/v1/charges?api_key=[REDACTED]&limit=10'],
    ['postgres://admin:s3cret@db:5432/app', 'postgres://db:5432/app'],
    ['/users/bob@example.com/profile', '/users/[EMAIL]/profile'],
    ['/cb#access_token=abc&state=xyz', '/cb#access_token=[REDACTED]&state=xyz'],
    ['/search?q=card+4111+1111+1111+1111', '/search?q=card%20[CARD]'],
    ['/orders/:id/pay?X-Api-Key=1&userPassword=2&flag', '/orders/:id/pay?X-Api-Key=[REDACTED]&userPassword=[REDACTED]&flag'],
    ['/health', '/health'],
    ['/a?b=%E0%A4%A', '/a?b=%E0%A4%A'],
  ])('%s', (input, expected) => {
    expect(sanitizeUrl(input)).toBe(expected);
  });

  test('leaves an ordinary query string unchanged (same instance, no copy)', () => {
    const url = '/orders?page=2&sort=created_at&trace=4bf92f3577b34da6a3ce929d0e0e4736';
    expect(sanitizeUrl(url)).toBe(url);
  });
});

describe('redactHeaders', () => {
  test('masks sensitive header names and scans the other values', () => {
    expect(redactHeaders({
      authorization: 'Bearer abc.def.ghi', cookie: 'sid=1; theme=dark', 'set-cookie': ['a=1', 'b=2'], 'x-api-key': 'k',
      'x-auth-token': 't', 'x-forwarded-for': '10.0.0.1', 'x-note': 'mail bob@example.com', 'content-length': 12, 'x-absent': undefined,
    })).toEqual({
      authorization: '[REDACTED]', cookie: '[REDACTED]', 'set-cookie': '[REDACTED]', 'x-api-key': '[REDACTED]',
      'x-auth-token': '[REDACTED]', 'x-forwarded-for': '10.0.0.1', 'x-note': 'mail [EMAIL]', 'content-length': '12',
    });
  });
});
