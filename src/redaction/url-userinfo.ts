import type { SpanSink } from './detectors/detector';

/** Characters that end a URL's authority (`scheme://authority/path`). */
function endsAuthority(c: number): boolean {
  return c === 47 || c === 63 || c === 35 || c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 96;
}

/**
 * Reports the `user:pass@` part of every URL in `text` (connection strings in error
 * messages, URLs in log lines) so it is removed. Linear: each authority is read once.
 */
export function scanUrlUserinfo(text: string, sink: SpanSink): void {
  let from = 0;
  for (let p = text.indexOf('://'); p !== -1; p = text.indexOf('://', from)) {
    const start = p + 3;
    let end = start;
    let at = -1;
    while (end < text.length && !endsAuthority(text.charCodeAt(end))) {
      if (text.charCodeAt(end) === 64) at = end;
      end++;
    }
    if (at !== -1) sink.add(start, at + 1, '');
    from = Math.max(end, start);
  }
}
