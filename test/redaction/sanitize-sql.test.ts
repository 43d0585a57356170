import { describe, expect, test } from 'vitest';
import { sanitizeSql } from '../../src/redaction/sanitize-sql.js';
import { bestTimeMs } from '../helpers/best-time.js';

describe('sanitizeSql', () => {
  test.each([
    ["SELECT * FROM users WHERE email = 'bob@example.com'", 'SELECT * FROM users WHERE email = ?'],
    ["SELECT 1 FROM t WHERE name = 'O''Brien' AND x = 'a'", 'SELECT ? FROM t WHERE name = ? AND x = ?'],
    ["SELECT * FROM t WHERE s = E'it\\'s' AND n = N'x' AND h = X'DEADBEEF'", 'SELECT * FROM t WHERE s = ? AND n = ? AND h = ?'],
    ['UPDATE accounts SET balance = 10.50, score = -3, big = 1e9, hex = 0xFF WHERE id = 42', 'UPDATE accounts SET balance = ?, score = ?, big = ?, hex = ? WHERE id = ?'],
    ['SELECT a - 1, b-2 FROM t', 'SELECT a - ?, b-? FROM t'],
    ['SELECT * FROM orders WHERE id IN (1, 2, 3, 4) AND s IN (\'a\',\'b\')', 'SELECT * FROM orders WHERE id IN (?) AND s IN (?)'],
    ['SELECT $1::text, $2 FROM t WHERE x = ?', 'SELECT $1::text, $2 FROM t WHERE x = ?'],
    ['SELECT $$secret body$$, $fn$ a; b $fn$ FROM t', 'SELECT ?, ? FROM t'],
    ['SELECT * FROM t1 JOIN t2 ON t1.col2 = t2.col3', 'SELECT * FROM t1 JOIN t2 ON t1.col2 = t2.col3'],
    ['SELECT "Col 1", `col2` FROM "Table9"', 'SELECT "Col 1", `col2` FROM "Table9"'],
    ["SELECT 1 -- user bob@example.com\nFROM t", 'SELECT ? \nFROM t'],
    ["SELECT /* traceparent='00-abc' */ name FROM t", 'SELECT   name FROM t'],
    ['SELECT * FROM t LIMIT 10 OFFSET 20', 'SELECT * FROM t LIMIT ? OFFSET ?'],
    ["INSERT INTO t (a, b) VALUES ('x', 2), ('y', 3)", 'INSERT INTO t (a, b) VALUES (?, ?), (?, ?)'],
  ])('%s', (input, expected) => {
    expect(sanitizeSql(input)).toBe(expected);
  });

  test('an unterminated literal is replaced to the end instead of leaking', () => {
    expect(sanitizeSql("SELECT * FROM t WHERE pw = 'hunter2")).toBe('SELECT * FROM t WHERE pw = ?');
    expect(sanitizeSql('SELECT $$never closed secret')).toBe('SELECT ?');
  });

  test('stays linear on hostile input (200 KB of minus signs and quotes)', () => {
    const hostile = '-1'.repeat(50_000) + "''".repeat(25_000) + '$a'.repeat(25_000);
    expect(bestTimeMs(3, () => sanitizeSql(hostile))).toBeLessThan(100);
  });
});

describe('sanitizeSql: statements seen before', () => {
  test('returns a parameterized statement unchanged on every call', () => {
    const sql = 'SELECT id, total FROM orders WHERE customer_id = $1 AND status = $2';
    for (let i = 0; i < 3; i++) expect(sanitizeSql(sql)).toBe(sql);
  });

  test('replaces the literals of a statement every time it comes back', () => {
    for (let i = 0; i < 3; i++) expect(sanitizeSql("SELECT * FROM users WHERE email = 'bob@example.com'")).toBe('SELECT * FROM users WHERE email = ?');
  });

  test('gives the same answers after far more distinct statements than it remembers', () => {
    for (let i = 0; i < 2_000; i++) {
      const clean = `SELECT * FROM t${i} WHERE id = $1`;
      expect(sanitizeSql(clean)).toBe(clean);
      expect(sanitizeSql(`SELECT * FROM t${i} WHERE id = ${i}`)).toBe(`SELECT * FROM t${i} WHERE id = ?`);
    }
  });
});
