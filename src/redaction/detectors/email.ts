import { isAlnum, isDigit, isLower, isUpper } from '../char-class';
import type { Detector, SpanSink } from './detector';

/**
 * Email addresses, found from each `@` by expanding left over the local part (at most 64
 * characters, RFC 5321) and right over the domain (at most 253). Bounded expansion instead of
 * a regex keeps `aaaa…@` inputs linear. Not emails: `@scope/pkg`, `@decorator`,
 * `user@localhost` (no dot), `pkg@1.2.3` (numeric TLD), `icon@2x.png` (image density suffix).
 */
function isLocalChar(c: number): boolean {
  return isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 39; // . _ % + - '
}

function isDomainChar(c: number): boolean {
  return isAlnum(c) || c === 46 || c === 45;
}

function isLetter(c: number): boolean {
  return isUpper(c) || isLower(c);
}

function matchAt(text: string, at: number, sink: SpanSink): number {
  let start = at;
  while (start > 0 && at - start < 64 && isLocalChar(text.charCodeAt(start - 1))) start--;
  while (start < at && (text.charCodeAt(start) === 46 || text.charCodeAt(start) === 39)) start++;
  if (start === at) return at + 1;
  let end = at + 1;
  while (end < text.length && end - at <= 253 && isDomainChar(text.charCodeAt(end))) end++;
  while (end > at + 1 && !isAlnum(text.charCodeAt(end - 1))) end--;
  const lastDot = text.lastIndexOf('.', end - 1);
  if (lastDot <= at + 1 || end - lastDot < 3) return at + 1;
  for (let i = lastDot + 1; i < end; i++) if (!isLetter(text.charCodeAt(i))) return at + 1;
  for (let i = at + 1; i < end; i++) {
    if (text.charCodeAt(i) === 46 && (text.charCodeAt(i - 1) === 46 || i === at + 1)) return at + 1;
  }
  if (isDensitySuffix(text, at + 1)) return at + 1;
  sink.add(start, end, '[EMAIL]');
  return end;
}

/** `@2x.` / `@1.5x.` as in retina image names. */
function isDensitySuffix(text: string, i: number): boolean {
  let k = i;
  while (isDigit(text.charCodeAt(k)) || text.charCodeAt(k) === 46) k++;
  return k > i && text.charCodeAt(k) === 120 && text.charCodeAt(k + 1) === 46;
}

export const emailDetector: Detector = {
  name: 'email',
  mask: '[EMAIL]',
  minDigits: 0,
  scan(text, sink) {
    let from = 0;
    for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', from)) from = Math.max(matchAt(text, at, sink), at + 1);
  },
};
