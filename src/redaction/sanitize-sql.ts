import { isAlnum, isDigit } from './char-class';

/**
 * SQL keeps its shape, literals become `?`: strings ('...', E'...', N'...', X'...'),
 * dollar-quoted bodies ($$...$$, $tag$...$tag$), numbers (12, -3.5, 1e9, 0xFF), and
 * `IN (?, ?, ?)` collapses to `IN (?)` so statements group by shape. Identifiers (also
 * "quoted" and `backticked`), placeholders ($1, ?, :name) and keywords stay. Comments are
 * removed: they can carry anything. One linear pass; unterminated literals run to the end.
 */
// One table read per character of an identifier, the sanitizer's most frequent step
// (bench/micro/pipeline-stages.bench.mjs, map).
const identChars = Uint8Array.from({ length: 128 }, (_, c) => (isAlnum(c) || c === 95 || c === 36 ? 1 : 0));

function isIdentChar(c: number): boolean {
  return c > 127 || identChars[c] === 1;
}

function quoteEnd(sql: string, open: number, quote: number, backslashEscapes: boolean): number {
  for (let i = open + 1; i < sql.length; i++) {
    const c = sql.charCodeAt(i);
    if (backslashEscapes && c === 92) i++;
    else if (c === quote) {
      if (sql.charCodeAt(i + 1) !== quote) return i + 1;
      i++;
    }
  }
  return sql.length;
}

function dollarTagEnd(sql: string, start: number): number {
  let i = start + 1;
  while (i < sql.length && (isAlnum(sql.charCodeAt(i)) || sql.charCodeAt(i) === 95)) i++;
  return sql.charCodeAt(i) === 36 && !isDigit(sql.charCodeAt(start + 1)) ? i + 1 : -1;
}

function numberEnd(sql: string, start: number): number {
  let i = start;
  if (sql.charCodeAt(i) === 48 && (sql.charCodeAt(i + 1) | 32) === 120) {
    i += 2;
    while (i < sql.length && isAlnum(sql.charCodeAt(i))) i++;
    return i;
  }
  while (i < sql.length && (isDigit(sql.charCodeAt(i)) || sql.charCodeAt(i) === 46 || sql.charCodeAt(i) === 95)) i++;
  if ((sql.charCodeAt(i) | 32) === 101) {
    let j = i + 1;
    if (sql.charCodeAt(j) === 43 || sql.charCodeAt(j) === 45) j++;
    if (isDigit(sql.charCodeAt(j))) {
      i = j;
      while (isDigit(sql.charCodeAt(i))) i++;
    }
  }
  return i;
}

function blockCommentEnd(sql: string, start: number): number {
  let depth = 0;
  for (let i = start; i < sql.length - 1; i++) {
    if (sql.charCodeAt(i) === 47 && sql.charCodeAt(i + 1) === 42) {
      depth++;
      i++;
    } else if (sql.charCodeAt(i) === 42 && sql.charCodeAt(i + 1) === 47) {
      i++;
      if (--depth === 0) return i + 1;
    }
  }
  return sql.length;
}

/** True when the `-` at `minus` starts a negative number rather than subtracting. */
function isUnaryMinus(sql: string, minus: number): boolean {
  let j = minus - 1;
  while (j >= 0 && sql.charCodeAt(j) <= 32) j--;
  if (j < 0 || '=<>(,+-*/%|'.includes(sql[j] ?? '')) return true;
  if (!isIdentChar(sql.charCodeAt(j))) return false;
  let k = j;
  while (k > 0 && j - k < 8 && isIdentChar(sql.charCodeAt(k - 1))) k--;
  return /^(?:and|or|not|then|else|when|between|select|values|return|by|limit|offset)$/i.test(sql.slice(k, j + 1));
}

/**
 * Parameterized statements (`... WHERE id = $1`) come back unchanged, and an app sends the
 * same few of them all the time: those are remembered and skip the pass. Only statements
 * that hold no literal are kept, so nothing sanitizing would remove is ever held here; one
 * with a quote is never looked up (it is rarely unchanged, and hashing it only to miss costs).
 */
const unchanged = new Set<string>();
const maxUnchangedLength = 4096;
const maxUnchanged = 512;

export function sanitizeSql(sql: string): string {
  const text = String(sql);
  if (!text.includes("'") && unchanged.has(text)) return text;
  const out = sanitizeText(text);
  if (out === text && text.length <= maxUnchangedLength) {
    if (unchanged.size >= maxUnchanged) unchanged.clear();
    unchanged.add(text);
  }
  return out;
}

/**
 * What a character can start, for the characters below 128 (all others are identifier
 * characters). Most characters of a statement are identifiers, spaces and punctuation that
 * start nothing: one table read sends them on without the chain of tests the rest need.
 */
const plain = 0;
const identStart = 1;
const special = 2;
const startKind = Uint8Array.from({ length: 128 }, (_, c) => {
  if (c === 39 || c === 34 || c === 96 || c === 36 || c === 45 || c === 47 || c === 46 || isDigit(c)) return special;
  return isIdentChar(c) ? identStart : plain;
});

function sanitizeText(text: string): string {
  let out = '';
  let i = 0;
  let copied = 0;
  const emit = (until: number, replacement: string, next: number): void => {
    out += text.slice(copied, until) + replacement;
    copied = next;
    i = next;
  };
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    const kind = c > 127 ? identStart : startKind[c];
    if (kind === plain) {
      i++;
      continue;
    }
    if (kind === identStart) {
      i++;
      while (i < n && isIdentChar(text.charCodeAt(i))) i++;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (c === 39) {
      // A one-letter prefix glued to the quote (E'..', N'..', X'..', B'..') is part of the literal.
      const prev = text.charCodeAt(i - 1);
      const prefixed = i > 0 && /[ENXBUenxbu]/.test(text[i - 1] ?? '') && !isIdentChar(text.charCodeAt(i - 2));
      emit(prefixed ? i - 1 : i, '?', quoteEnd(text, i, 39, (prev | 32) === 101 && prefixed));
    } else if (c === 34 || c === 96) {
      i = quoteEnd(text, i, c, false);
    } else if (c === 36 && !isDigit(next)) {
      const tagEnd = dollarTagEnd(text, i);
      if (tagEnd === -1) {
        i++;
        continue;
      }
      const close = text.indexOf(text.slice(i, tagEnd), tagEnd);
      emit(i, '?', close === -1 ? text.length : close + (tagEnd - i));
    } else if (c === 36) {
      // A placeholder ($1): an identifier run, digits and all.
      i++;
      while (i < n && isIdentChar(text.charCodeAt(i))) i++;
    } else if (c === 45 && next === 45) {
      const eol = text.indexOf('\n', i);
      emit(i, '', eol === -1 ? text.length : eol);
    } else if (c === 47 && next === 42) {
      emit(i, ' ', blockCommentEnd(text, i));
    } else if (isDigit(c) || (c === 46 && isDigit(next))) {
      emit(i, '?', numberEnd(text, i));
    } else if (c === 45 && (isDigit(next) || next === 46) && isUnaryMinus(text, i)) {
      emit(i, '?', numberEnd(text, i + 1));
    } else {
      i++;
    }
  }
  return collapseInLists(out + text.slice(copied));
}

/** `IN (?, ?, ?)` -> `IN (?)`. */
function collapseInLists(sql: string): string {
  if (!sql.includes('(') || !/\bin\s*\(\s*\?\s*,/i.test(sql)) return sql;
  const pattern = /\bin\s*\(/gi;
  let out = '';
  let copied = 0;
  for (let m = pattern.exec(sql); m !== null; m = pattern.exec(sql)) {
    let j = m.index + m[0].length;
    while (j < sql.length && ' \t\r\n?,'.includes(sql[j] ?? '')) j++;
    if (sql[j] !== ')' || !sql.slice(m.index + m[0].length, j).includes('?')) continue;
    out += `${sql.slice(copied, m.index + m[0].length)}?)`;
    copied = j + 1;
    pattern.lastIndex = j + 1;
  }
  return out + sql.slice(copied);
}
