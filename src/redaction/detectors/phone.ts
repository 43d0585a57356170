import { isAlnum, isBoundary, isDigit } from '../char-class';
import type { Detector, SpanSink } from './detector';
import { groupLength, isCleanWindow, type DigitRun } from './digit-runs';

/**
 * Phone numbers in the shapes people write them: international with a leading `+`
 * (`+44 20 7946 0958`, `+14155550132`), and North American `(415) 555-0132`,
 * `415-555-0132`, `415.555.0132`, `1-415-555-0132`. Bare digit strings and space-only
 * groupings are deliberately not matched: they are indistinguishable from ids and
 * number lists (`256 512 1024`).
 */
function isNanpLead(text: string, index: number): boolean {
  const c = text.charCodeAt(index);
  return c >= 50 && c <= 57; // area codes and exchanges start with 2-9
}

function scanInternational(text: string, plus: number, sink: SpanSink): void {
  const first = text.charCodeAt(plus + 1);
  if (!isDigit(first) || first === 48 || !isBoundary(text, plus - 1) || text.charCodeAt(plus - 1) === 43) return;
  let digits = 0;
  let end = plus + 1;
  let open = false;
  const limit = Math.min(text.length, plus + 25);
  for (let i = plus + 1; i < limit; i++) {
    const c = text.charCodeAt(i);
    const prev = text.charCodeAt(i - 1);
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (isDigit(c)) {
      digits++;
      end = i + 1;
    } else if ((c === 32 || c === 45 || c === 46) && (isDigit(prev) || prev === 41) && (isDigit(next) || next === 40)) {
      continue;
    } else if (c === 40 && !open && isDigit(next)) {
      open = true;
    } else if (c === 41 && open && isDigit(prev)) {
      open = false;
    } else {
      break;
    }
  }
  if (digits >= 8 && digits <= 15 && !isAlnum(text.charCodeAt(end)) && !open) sink.add(plus, end, '[PHONE]');
}

function scanParenthesized(text: string, open: number, sink: SpanSink): void {
  if (!isBoundary(text, open - 1) || text.charCodeAt(open + 4) !== 41) return;
  for (let k = 1; k <= 3; k++) if (!isDigit(text.charCodeAt(open + k))) return;
  let i = open + 5;
  if (text.charCodeAt(i) === 32) i++;
  for (let k = 0; k < 3; k++) if (!isDigit(text.charCodeAt(i + k))) return;
  const sep = text.charCodeAt(i + 3);
  const rest = sep === 45 || sep === 46 || sep === 32 ? i + 4 : i + 3;
  for (let k = 0; k < 4; k++) if (!isDigit(text.charCodeAt(rest + k))) return;
  const end = rest + 4;
  if (!isNanpLead(text, open + 1) || !isNanpLead(text, i) || !isBoundary(text, end)) return;
  sink.add(open, end, '[PHONE]');
}

function visitRun(text: string, run: DigitRun, sink: SpanSink): void {
  for (let g = 0; g + 2 < run.count; g++) {
    if (groupLength(run, g) !== 3 || groupLength(run, g + 1) !== 3 || groupLength(run, g + 2) !== 4) continue;
    if (!isNanpLead(text, run.starts[g] ?? 0) || !isNanpLead(text, run.starts[g + 1] ?? 0)) continue;
    // A leading country code 1 (`1-415-555-0132`) belongs to the number.
    const trunk = g > 0 && groupLength(run, g - 1) === 1 && text.charCodeAt(run.starts[g - 1] ?? 0) === 49;
    let first = -1;
    if (trunk && isCleanWindow(run, g - 1, g + 2, '-.')) first = g - 1;
    else if (isCleanWindow(run, g, g + 2, '-.')) first = g;
    if (first === -1) continue;
    sink.add(run.starts[first] ?? 0, run.ends[g + 2] ?? 0, '[PHONE]');
    g += 2;
  }
}

export const phoneDetector: Detector = {
  name: 'phone',
  mask: '[PHONE]',
  minDigits: 8,
  scan(text, sink) {
    for (let i = text.indexOf('+'); i !== -1; i = text.indexOf('+', i + 1)) scanInternational(text, i, sink);
    for (let i = text.indexOf('('); i !== -1; i = text.indexOf('(', i + 1)) scanParenthesized(text, i, sink);
  },
  visitRun,
};
