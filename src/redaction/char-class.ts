/**
 * Character tests on UTF-16 code units. The detectors scan text by hand instead of with
 * open-ended regexes so that every input is handled in linear time (no backtracking).
 */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

export function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

export function isAlnum(c: number): boolean {
  return isDigit(c) || isUpper(c) || isLower(c);
}

/** Base64url alphabet (JWT segments, most API tokens). */
export function isTokenChar(c: number): boolean {
  return isAlnum(c) || c === 45 /* - */ || c === 95 /* _ */;
}

/** True when the code unit at `index` is absent or not a letter/digit: a word boundary. */
export function isBoundary(text: string, index: number): boolean {
  return index < 0 || index >= text.length || !isAlnum(text.charCodeAt(index));
}

/** Counts digits up to `enough`, stopping early: the numeric detectors' cheap pre-check. */
export function countDigits(text: string, enough: number): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (isDigit(text.charCodeAt(i)) && ++n >= enough) return n;
  }
  return n;
}
