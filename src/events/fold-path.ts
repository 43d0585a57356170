/**
 * A path without a route template becomes a low-cardinality action: segments that look
 * like ids (numbers, UUIDs, long hex or mixed tokens, emails) are folded to `:id`, so
 * `/orders/123/items/9f86d081` groups with every other order.
 */
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hexId = /^[0-9a-f]{8,}$/i;
const hasDigit = /\d/;

export function foldPath(path: string): string {
  const q = path.indexOf('?');
  const bare = q === -1 ? path : path.slice(0, q);
  if (!hasDigit.test(bare) && !bare.includes('@')) return bare || '/';
  const segments = bare.split('/');
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as string;
    if (s !== '' && looksLikeId(s)) segments[i] = ':id';
  }
  return segments.join('/') || '/';
}

function looksLikeId(segment: string): boolean {
  if (/^\d+$/.test(segment)) return true;
  if (segment.includes('@')) return true;
  if (uuid.test(segment)) return true;
  if (hexId.test(segment) && hasDigit.test(segment)) return true;
  // Long tokens mixing letters and digits (slugs with a trailing id, base64 ids, ULIDs).
  return segment.length >= 16 && hasDigit.test(segment) && /[a-z]/i.test(segment);
}
