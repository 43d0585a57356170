import { describe, expect, it } from 'vitest';
import { foldPath } from '../../src/events/fold-path.js';

describe('foldPath', () => {
  it.each([
    ['/orders/123', '/orders/:id'],
    ['/orders/123/items/9f86d081884c7d65', '/orders/:id/items/:id'],
    ['/u/550e8400-e29b-41d4-a716-446655440000/profile', '/u/:id/profile'],
    ['/users/bob@example.com', '/users/:id'],
    ['/v1/charges?limit=3', '/v1/charges'],
    ['/api/v2/status', '/api/v2/status'],
    ['/static/app.js', '/static/app.js'],
    ['', '/'],
  ])('%s -> %s', (path, folded) => {
    expect(foldPath(path)).toBe(folded);
  });
});
