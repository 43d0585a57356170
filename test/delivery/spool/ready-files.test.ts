import { describe, expect, it } from 'vitest';
import { ReadyFiles } from '../../../src/delivery/spool/ready-files.js';

const name = (n: number): string => `${String(n).padStart(8, '0')}.batch`;

describe('ReadyFiles', () => {
  it('lists files oldest first whatever order they arrive in, and keeps their total size', () => {
    const files = new ReadyFiles();
    for (const n of [5, 6, 2, 9, 1]) files.set(name(n), n * 10);
    expect([...files.oldestFirst()]).toEqual([1, 2, 5, 6, 9].map(name));
    expect(files.totalBytes).toBe(230);
    expect(files.count).toBe(5);
  });

  it('takes deleted files out of the order and the total, and counts a re-listed file once', () => {
    const files = new ReadyFiles();
    for (let n = 1; n <= 4; n++) files.set(name(n), 100);
    expect(files.delete(name(1))).toBe(100);
    expect(files.delete(name(1))).toBeUndefined();
    files.set(name(3), 150);
    expect([...files.oldestFirst()]).toEqual([2, 3, 4].map(name));
    expect(files.totalBytes).toBe(350);
  });

  it('puts a claimed file that went back at its place in the order, once', () => {
    const files = new ReadyFiles();
    files.set(name(1), 1);
    files.set(name(2), 1);
    const [oldest] = files.oldestFirst();
    files.delete(oldest as string);
    files.set(name(3), 1);
    files.set(oldest as string, 1); // the replay failed: the file is ready again
    expect([...files.oldestFirst()]).toEqual([1, 2, 3].map(name));
    // The last and only file taken and put back is listed once, not twice.
    const single = new ReadyFiles();
    single.set(name(7), 1);
    single.delete(name(7));
    single.set(name(7), 1);
    expect([...single.oldestFirst()]).toEqual([name(7)]);
  });

  it('lets a caller delete while it walks the order', () => {
    const files = new ReadyFiles();
    for (let n = 1; n <= 6; n++) files.set(name(n), 1);
    const taken: string[] = [];
    for (const file of files.oldestFirst()) {
      files.delete(file);
      taken.push(file);
      if (taken.length === 3) break;
    }
    expect(taken).toEqual([1, 2, 3].map(name));
    expect([...files.oldestFirst()]).toEqual([4, 5, 6].map(name));
  });

  it('serves an outage-sized spool written, totalled and replayed one file at a time in linear time', () => {
    // Sorting the whole set on each write or replay made this quadratic: minutes, not milliseconds.
    const files = new ReadyFiles();
    const count = 100_000;
    const started = performance.now();
    let wrongTotals = 0;
    for (let n = 0; n < count; n++) {
      files.set(name(n), 30_000);
      if (files.totalBytes !== (n + 1) * 30_000) wrongTotals++;
    }
    expect(wrongTotals).toBe(0);
    const replayed: string[] = [];
    for (let next = files.oldest(); next !== undefined; next = files.oldest()) {
      files.delete(next);
      replayed.push(next);
    }
    expect(replayed).toEqual(Array.from({ length: count }, (_, n) => name(n)));
    expect(files.totalBytes).toBe(0);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
