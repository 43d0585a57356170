// Markdown tables for the terminal and the README: the same text in both places.

/** A number with a fixed count of decimals and thousands separators; `-` when unknown. */
export function formatNumber(value, digits = 0) {
  if (value === undefined || value === null || !Number.isFinite(value)) return '-';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** `median (min–max)` of a summary; the range is left out when there was one round. */
export function formatSummary(summary, digits = 0, unit = '') {
  if (!summary || summary.n === 0) return '-';
  const mid = `${formatNumber(summary.median, digits)}${unit}`;
  if (summary.n === 1 || summary.min === summary.max) return mid;
  return `${mid} (${formatNumber(summary.min, digits)}–${formatNumber(summary.max, digits)})`;
}

/** A signed percentage of a fraction, e.g. 0.123 -> `+12.3%`. */
export function formatPercent(fraction, digits = 1) {
  if (fraction === undefined || !Number.isFinite(fraction)) return '-';
  const sign = fraction > 0 ? '+' : fraction < 0 ? '−' : '±';
  return `${sign}${formatNumber(Math.abs(fraction) * 100, digits)}%`;
}

/** Whether a target is met, as the tables print it. */
export function formatVerdict(met) {
  if (met === undefined) return '-';
  return met ? 'met' : '**missed**';
}

/** A GitHub-flavoured markdown table with padded columns; cells are strings. */
export function formatTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => `| ${widths.map((w, i) => String(cells[i] ?? '').padEnd(w)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
