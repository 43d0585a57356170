import { isAlnum, isLower, isUpper } from './char-class';
import type { SpanSink } from './detectors/detector';
import type { KeyMatcher } from './sensitive-keys';

/**
 * Key-based redaction inside free text: `password=hunter2&x=1` (query strings, logfmt),
 * `{"token":"abc"}` (JSON-looking strings, also escaped `{\"token\":\"abc\"}`) and
 * `Authorization: Bearer abc` (header dumps). One left-to-right pass; after a value is
 * masked the scan resumes behind it.
 */
export const redactedMask = '[REDACTED]';
// A bare value in JSON becomes a JSON string so the text stays valid JSON.
const jsonMask = '"[REDACTED]"';
// Values that run to the end of the line: they hold `;`- or space-separated parts.
const lineKeys = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization']);
const schemeWords = /^(?:bearer|basic|token|digest|negotiate)$/i;

function isKeyChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 45 || c === 46;
}

function endsBareValue(c: number): boolean {
  return c <= 32 || c === 38 || c === 59 || c === 44 || c === 34 || c === 39 || c === 125 || c === 93 || c === 41 || c === 60 || c === 62;
}

function quotedEnd(text: string, open: number, quote: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === quote) return i;
  }
  return text.length;
}

function bracketEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = quotedEnd(text, i, 34);
    else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return i + 1;
  }
  return text.length;
}

function bareEnd(text: string, from: number, toLineEnd: boolean): number {
  let end = from;
  if (toLineEnd) {
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    return end;
  }
  while (end < text.length && !endsBareValue(text.charCodeAt(end))) end++;
  // `Bearer abc`: the scheme word alone is not the secret.
  if (text.charCodeAt(end) === 32 && end - from <= 9 && schemeWords.test(text.slice(from, end))) {
    end++;
    while (end < text.length && !endsBareValue(text.charCodeAt(end))) end++;
  }
  return end;
}

/** Masks the value after the separator at `sep`; returns where scanning resumes. */
function maskValue(text: string, sep: number, json: boolean, key: string, sink: SpanSink): number {
  let v = sep + 1;
  while (v < text.length && v - sep <= 8 && (text.charCodeAt(v) === 32 || text.charCodeAt(v) === 9)) v++;
  if (text.startsWith(redactedMask, v) || text.startsWith(jsonMask, v)) return v + redactedMask.length;
  const c = text.charCodeAt(v);
  if (c === 34 || c === 39) {
    const close = quotedEnd(text, v, c);
    sink.add(v + 1, close, redactedMask);
    return close + 1;
  }
  if (c === 92 && text.charCodeAt(v + 1) === 34) {
    const close = text.indexOf('\\"', v + 2);
    const end = close === -1 ? text.length : close;
    sink.add(v + 2, end, redactedMask);
    return end + 2;
  }
  if (c === 123 || c === 91) {
    const end = bracketEnd(text, v);
    sink.add(v, end, json ? jsonMask : redactedMask);
    return end;
  }
  const end = bareEnd(text, v, !json && text.charCodeAt(sep) === 58 && lineKeys.has(key.toLowerCase()));
  sink.add(v, end, json ? jsonMask : redactedMask);
  return Math.max(end, sep + 1);
}

export function createKeyedValueScanner(isSensitive: KeyMatcher): (text: string, sink: SpanSink) => void {
  return (text, sink) => {
    let i = 0;
    // The separators are found with native `indexOf` jumps instead of testing every character
    // (bench/micro/pipeline-stages.bench.mjs, redact).
    let nextEquals = text.indexOf('=');
    let nextColon = text.indexOf(':');
    while (i < text.length) {
      if (nextEquals !== -1 && nextEquals < i) nextEquals = text.indexOf('=', i);
      if (nextColon !== -1 && nextColon < i) nextColon = text.indexOf(':', i);
      if (nextEquals === -1 && nextColon === -1) return;
      i = nextEquals === -1 ? nextColon : nextColon === -1 ? nextEquals : Math.min(nextEquals, nextColon);
      const c = text.charCodeAt(i);
      let keyEnd = i;
      while (keyEnd > 0 && i - keyEnd < 2 && text.charCodeAt(keyEnd - 1) === 32) keyEnd--;
      const quote = text.charCodeAt(keyEnd - 1);
      const quoted = quote === 34 || quote === 39;
      if (quoted) keyEnd--;
      let keyStart = keyEnd;
      while (keyStart > 0 && keyEnd - keyStart < 64 && isKeyChar(text.charCodeAt(keyStart - 1))) keyStart--;
      const first = text.charCodeAt(keyStart);
      const keyOk = keyEnd - keyStart >= 2 && (isUpper(first) || isLower(first) || first === 95)
        && (!quoted || text.charCodeAt(keyStart - 1) === quote);
      if (!keyOk) {
        i++;
        continue;
      }
      const key = text.slice(keyStart, keyEnd);
      i = isSensitive(key) ? maskValue(text, i, quoted && quote === 34 && c === 58, key, sink) : i + 1;
    }
  };
}
