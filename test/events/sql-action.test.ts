import { describe, expect, it } from 'vitest';
import { sqlAction } from '../../src/events/sql-action.js';

describe('sqlAction', () => {
  it.each([
    ['SELECT * FROM orders WHERE id = $1', 'db.query', 'SELECT orders'],
    ['  select o.id from public."orders" o join items i on true', 'db.query', 'SELECT orders'],
    ['/* app */ SELECT 1', 'db.query', 'SELECT'],
    ['-- note\nSELECT id FROM users', 'db.query', 'SELECT users'],
    ['INSERT INTO orders (id) VALUES (1)', 'data.change', 'orders.create'],
    ['insert into "shop"."line_items" values (1)', 'data.change', 'line_items.create'],
    ['UPDATE orders SET total = 1', 'data.change', 'orders.update'],
    ['DELETE FROM sessions WHERE expired', 'data.change', 'sessions.delete'],
    ['WITH x AS (SELECT 1) UPDATE orders SET a = 1', 'data.change', 'orders.update'],
    ['WITH recent AS (SELECT id FROM orders) SELECT * FROM recent', 'db.query', 'SELECT orders'],
    ['BEGIN', 'db.query', 'BEGIN'],
    ['', 'db.query', 'QUERY'],
    ['select id from orders', 'db.query', 'SELECT orders'],
    ['\n\tUPDATE ONLY public.orders SET a = 1', 'data.change', 'orders.update'],
    ['DELETE FROM "Sessions"', 'data.change', 'Sessions.delete'],
    ['insert into audit.log values (1)', 'data.change', 'log.create'],
    ['SELECT 1 FROM "".""', 'db.query', 'SELECT'],
    ['/* a */ /* b */ -- c\n  delete from x', 'data.change', 'x.delete'],
    ['VACUUM', 'db.query', 'VACUUM'],
    ['42', 'db.query', 'QUERY'],
    // Only the head is read: a FROM past the first 2000 characters is not seen.
    [`SELECT a${' '.repeat(2000)} FROM t`, 'db.query', 'SELECT'],
  ])('%s -> %s %s', (sql, eventType, action) => {
    expect(sqlAction(sql)).toMatchObject({ eventType, action });
  });
});
