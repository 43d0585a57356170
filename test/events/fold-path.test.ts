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
    ['/', '/'],
    ['?a=1', '/'],
    ['/orders/123?next=/users/456', '/orders/:id'],
    ['//double//7//', '//double//:id//'],
    ['/u/ABCDEFAB-ABCD-ABCD-ABCD-ABCDEFABCDEF/7', '/u/:id/:id'],
    ['/u/550e8400_e29b_41d4_a716_446655440000', '/u/:id'],
    ['/files/deadbeef', '/files/deadbeef'],
    ['/files/deadbee7', '/files/:id'],
    ['/files/dead-be7', '/files/dead-be7'],
    ['/posts/how-to-cook-rice-2024', '/posts/:id'],
    ['/posts/how-to-cook-24', '/posts/how-to-cook-24'],
    ['/@scope/pkg', '/:id/pkg'],
    ['/v1/01ARZ3NDEKTSV4RRFFQ69G5FAV', '/v1/:id'],
    ['/caf\u00e9/42', '/caf\u00e9/:id'],
  ])('%s -> %s', (path, folded) => {
    expect(foldPath(path)).toBe(folded);
  });
});
