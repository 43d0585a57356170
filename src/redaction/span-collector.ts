import type { SpanSink } from './detectors/detector';

/**
 * Collects the spans detectors report for one string and rewrites the string once.
 * The arrays are reused between strings, so a string without findings costs no allocation.
 * Overlapping spans are merged (the earlier-starting span's mask wins) so that no part of
 * either match survives.
 */
export class SpanCollector implements SpanSink {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly masks: string[] = [];
  private count = 0;

  add(start: number, end: number, mask: string): void {
    if (end <= start) return;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.masks[this.count] = mask;
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  /** Returns `text` with every collected span replaced, and resets the collector. */
  apply(text: string): string {
    const n = this.count;
    this.count = 0;
    if (n === 0) return text;
    this.sortByStart(n);
    let out = '';
    let cursor = 0;
    let i = 0;
    while (i < n) {
      const start = this.starts[i] ?? 0;
      let end = this.ends[i] ?? 0;
      const mask = this.masks[i] ?? '';
      i++;
      while (i < n && (this.starts[i] ?? 0) < end) end = Math.max(end, this.ends[i++] ?? 0);
      out += text.slice(cursor, Math.max(cursor, start)) + mask;
      cursor = Math.max(cursor, end);
    }
    return out + text.slice(cursor);
  }

  // Insertion sort: a string rarely holds more than a handful of findings.
  private sortByStart(n: number): void {
    for (let i = 1; i < n; i++) {
      const s = this.starts[i] ?? 0;
      const e = this.ends[i] ?? 0;
      const m = this.masks[i] ?? '';
      let j = i - 1;
      while (j >= 0 && (this.starts[j] ?? 0) > s) {
        this.starts[j + 1] = this.starts[j] ?? 0;
        this.ends[j + 1] = this.ends[j] ?? 0;
        this.masks[j + 1] = this.masks[j] ?? '';
        j--;
      }
      this.starts[j + 1] = s;
      this.ends[j + 1] = e;
      this.masks[j + 1] = m;
    }
  }
}
