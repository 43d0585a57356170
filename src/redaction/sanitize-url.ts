import { defaultRules } from './default-rules';
import { redactedMask } from './keyed-values';
import type { KeyMatcher } from './sensitive-keys';

/**
 * URLs keep their shape: scheme, host, path and query key names stay; `user:pass@` is
 * removed; values of sensitive query keys become `[REDACTED]`; PII in the path or in other
 * values is masked by the detectors. Works on absolute URLs and on `path?query` alike.
 */
function safeDecode(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

// Masks keep their brackets readable; everything else is encoded as a query value must be.
// A value of only characters encodeURIComponent keeps (and brackets), such as a whole mask,
// is its own encoding: no call, no replace (the pipeline bench's CPU profile).
const keptAsIs = /^[A-Za-z0-9\-_.!~*'()[\]]*$/;

function encodeValue(text: string): string {
  if (keptAsIs.test(text)) return text;
  const encoded = encodeURIComponent(text);
  return encoded.includes('%5') ? encoded.replaceAll('%5B', '[').replaceAll('%5D', ']') : encoded;
}

function sanitizeParams(params: string, isSensitive: KeyMatcher, scan: (t: string) => string): string {
  let out = '';
  let from = 0;
  while (from <= params.length) {
    let amp = params.indexOf('&', from);
    if (amp === -1) amp = params.length;
    const pair = params.slice(from, amp);
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    let kept = pair;
    if (eq !== -1 && isSensitive(safeDecode(key))) {
      kept = `${key}=${redactedMask}`;
    } else {
      const raw = eq === -1 ? '' : pair.slice(eq + 1);
      const decodedKey = safeDecode(key);
      const scannedKey = scan(decodedKey);
      const decoded = safeDecode(raw);
      const scanned = scan(decoded);
      if (scanned !== decoded || scannedKey !== decodedKey) {
        const k = scannedKey !== decodedKey ? encodeValue(scannedKey) : key;
        kept = eq === -1 ? k : `${k}=${scanned !== decoded ? encodeValue(scanned) : raw}`;
      }
    }
    out += (from === 0 ? '' : '&') + kept;
    from = amp + 1;
  }
  return out;
}

function sanitizePath(path: string, scan: (t: string) => string): string {
  const decoded = safeDecode(path);
  const scanned = scan(decoded);
  return scanned === decoded ? path : scanned;
}

export function createUrlSanitizer(isSensitive: KeyMatcher, scan: (text: string) => string): (url: string) => string {
  return (input) => {
    const url = String(input);
    let rest = url;
    let prefix = '';
    const scheme = url.indexOf('//');
    if (scheme !== -1 && (scheme === 0 || url.startsWith('://', scheme - 1)) && !url.slice(0, scheme).includes('/')) {
      const authorityStart = scheme + 2;
      let authorityEnd = authorityStart;
      while (authorityEnd < url.length && !'/?#'.includes(url[authorityEnd] ?? '')) authorityEnd++;
      const authority = url.slice(authorityStart, authorityEnd);
      prefix = url.slice(0, authorityStart) + authority.slice(authority.lastIndexOf('@') + 1);
      rest = url.slice(authorityEnd);
    }
    const hash = rest.indexOf('#');
    const fragment = hash === -1 ? '' : rest.slice(hash + 1);
    const beforeHash = hash === -1 ? rest : rest.slice(0, hash);
    const question = beforeHash.indexOf('?');
    const path = question === -1 ? beforeHash : beforeHash.slice(0, question);
    let out = prefix + sanitizePath(path, scan);
    if (question !== -1) out += `?${sanitizeParams(beforeHash.slice(question + 1), isSensitive, scan)}`;
    // Fragments carry OAuth implicit-flow tokens (`#access_token=...`): same rules as a query.
    if (hash !== -1) out += `#${fragment.includes('=') ? sanitizeParams(fragment, isSensitive, scan) : sanitizePath(fragment, scan)}`;
    return out;
  };
}

let standalone: ((url: string) => string) | undefined;

/** Sanitizes a URL with the built-in keys and detectors. */
export function sanitizeUrl(url: string): string {
  if (standalone === undefined) {
    const rules = defaultRules();
    standalone = createUrlSanitizer(rules.keyMatcher, rules.scan);
  }
  return standalone(url);
}
