/**
 * A path without a route template becomes a low-cardinality action: segments that look
 * like ids (numbers, UUIDs, long hex or mixed tokens, emails) are folded to `:id`, so
 * `/orders/123/items/9f86d081` groups with every other order.
 *
 * Segments are classified by reading their characters in place: a path with nothing to fold
 * allocates nothing (bench/micro/pipeline-stages.bench.mjs, map, http client spans).
 */
export function foldPath(path: string): string {
  const q = path.indexOf('?');
  const end = q === -1 ? path.length : q;
  if (end === 0) return '/';
  if (!hasDigitOrAt(path, end)) return q === -1 ? path : path.slice(0, q);
  let out: string | undefined;
  let copied = 0;
  let start = 0;
  while (start <= end) {
    let slash = path.indexOf('/', start);
    if (slash === -1 || slash > end) slash = end;
    if (slash > start && looksLikeId(path, start, slash)) {
      out = (out ?? '') + path.slice(copied, start) + ':id';
      copied = slash;
    }
    start = slash + 1;
  }
  if (out === undefined) return q === -1 ? path : path.slice(0, q);
  return out + path.slice(copied, end);
}

function hasDigitOrAt(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 64) return true;
  }
  return false;
}

function looksLikeId(text: string, start: number, end: number): boolean {
  let digits = 0;
  let letters = 0;
  let hexLetters = 0;
  let dashes = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 64) return true; // an email
    else if (c === 45) dashes++;
    else {
      const lower = c | 32;
      if (lower >= 97 && lower <= 122) {
        letters++;
        if (lower <= 102) hexLetters++;
      }
    }
  }
  const length = end - start;
  if (length === 36 && dashes === 4 && digits + hexLetters === 32 && isUuidShape(text, start)) return true;
  if (digits === 0) return false;
  if (digits === length) return true;
  if (length >= 8 && digits + hexLetters === length) return true;
  // Long tokens mixing letters and digits (slugs with a trailing id, base64 ids, ULIDs).
  return length >= 16 && letters > 0;
}

function isUuidShape(text: string, start: number): boolean {
  return text.charCodeAt(start + 8) === 45 && text.charCodeAt(start + 13) === 45
    && text.charCodeAt(start + 18) === 45 && text.charCodeAt(start + 23) === 45;
}
