/**
 * Cutting strings to the payload limits. A cut string ends with this marker so a reader
 * sees that the value is incomplete; the event as a whole is marked `metadata._truncated`.
 */
export const truncationMarker = '...[truncated]';

export function truncateString(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  let cut = Math.max(0, maxLength);
  // Do not leave half of a surrogate pair behind.
  const last = value.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return value.slice(0, cut) + truncationMarker;
}
