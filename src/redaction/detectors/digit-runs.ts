import { isAlnum, isDigit } from '../char-class';

/**
 * A run of digit groups joined by single separators (space, `-`, `.`), e.g. `4111 1111 1111 1111`
 * or `2024-11-22 415-555-0132`. Card, SSN and phone numbers are windows of consecutive groups.
 * The object is reused between calls (scanning is synchronous), so a scan allocates nothing.
 */
export interface DigitRun {
  count: number;
  starts: number[];
  ends: number[];
  /** Separator code unit before each group (0 before the first). */
  seps: number[];
  /** The run's last group is glued to letters (part of an identifier): windows must not end there. */
  tailJoined: boolean;
}

// Bounds the per-run memory; a longer run is read as several runs.
const maxGroups = 64;
const run: DigitRun = { count: 0, starts: [], ends: [], seps: [], tailJoined: false };

function isSeparator(c: number): boolean {
  return c === 32 || c === 45 || c === 46;
}

/** Calls `visit` for each run that starts at a word boundary; linear in `text.length`. */
export function forEachDigitRun<C>(text: string, visit: (text: string, run: DigitRun, context: C) => void, context: C): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const before = i > 0 ? text.charCodeAt(i - 1) : 0;
    // Digits inside an identifier or hash (`a3ce929d0e0e4736`) or after a decimal point are not numbers.
    if (isAlnum(before) || (before === 46 && i > 1 && isDigit(text.charCodeAt(i - 2)))) {
      while (i < n && isAlnum(text.charCodeAt(i))) i++;
      continue;
    }
    i = readRun(text, i);
    visit(text, run, context);
  }
}

function readRun(text: string, start: number): number {
  const n = text.length;
  run.count = 0;
  let i = start;
  let sep = 0;
  while (run.count < maxGroups) {
    const groupStart = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    run.starts[run.count] = groupStart;
    run.ends[run.count] = i;
    run.seps[run.count] = sep;
    run.count++;
    if (i + 1 < n && isSeparator(text.charCodeAt(i)) && isDigit(text.charCodeAt(i + 1))) {
      sep = text.charCodeAt(i);
      i++;
    } else {
      break;
    }
  }
  run.tailJoined = i < n && isAlnum(text.charCodeAt(i));
  return i;
}

export function groupLength(r: DigitRun, g: number): number {
  return (r.ends[g] ?? 0) - (r.starts[g] ?? 0);
}

/**
 * True when groups [first, last] are joined by one separator kind and the window is not
 * a piece of a longer chain using that same separator (`1-123-45-6789` is not an SSN).
 */
export function isCleanWindow(r: DigitRun, first: number, last: number, allowed: string): boolean {
  if (last === r.count - 1 && r.tailJoined) return false;
  if (first === last) return true;
  const sep = r.seps[first + 1] ?? 0;
  if (!allowed.includes(String.fromCharCode(sep))) return false;
  for (let g = first + 2; g <= last; g++) if (r.seps[g] !== sep) return false;
  if (first > 0 && r.seps[first] === sep) return false;
  if (last < r.count - 1 && r.seps[last + 1] === sep) return false;
  return true;
}
