import { isDigit, isTokenChar, isUpper } from '../char-class';
import type { Detector, SpanSink } from './detector';

/**
 * Credentials after an HTTP auth scheme word: `Bearer <token>`, `Basic <base64>`. Prose like
 * "Bearer token missing" survives: a credential is at least 8 characters and has a digit,
 * a symbol, an inner capital, or 24+ characters.
 */
const scheme = /\b(?:bearer|basic)[ \t]+/gi;

function isCredentialChar(c: number): boolean {
  return isTokenChar(c) || c === 46 || c === 126 || c === 43 || c === 47 || c === 61; // . ~ + / =
}

function looksLikeCredential(text: string, from: number, to: number): boolean {
  const length = to - from;
  if (length < 8) return false;
  if (length >= 24) return true;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || (isUpper(c) && i > from) || !isTokenChar(c) || c === 45 || c === 95) return true;
  }
  return false;
}

function scan(text: string, sink: SpanSink): void {
  scheme.lastIndex = 0;
  for (let m = scheme.exec(text); m !== null; m = scheme.exec(text)) {
    const from = m.index + m[0].length;
    let end = from;
    while (end < text.length && end - from < 4096 && isCredentialChar(text.charCodeAt(end))) end++;
    if (looksLikeCredential(text, from, end)) {
      sink.add(from, end, '[SECRET]');
      scheme.lastIndex = end;
    }
  }
}

export const bearerDetector: Detector = { name: 'bearer', mask: '[SECRET]', minDigits: 0, scan };
