import type { Detector } from './detectors/detector';

/** A user's own value rule (`customRules` option / `EZLOGS_REDACT_RULES`). */
export interface CustomRule {
  name: string;
  pattern: RegExp | string;
  /** Replacement; defaults to `[REDACTED]`. */
  mask?: string;
}

/**
 * Turns user rules into detectors, compiled once. User regexes run as given: keep them
 * linear (no nested quantifiers); their input is already capped by the string limit.
 * Throws at construction (a configuration error) when a pattern does not compile.
 */
export function compileCustomRules(rules: readonly CustomRule[]): Detector[] {
  return rules.map((rule) => {
    const source = typeof rule.pattern === 'string' ? rule.pattern : rule.pattern.source;
    const flags = typeof rule.pattern === 'string' ? 'g' : `${rule.pattern.flags.replace(/[gy]/g, '')}g`;
    const regex = new RegExp(source, flags);
    const mask = rule.mask ?? '[REDACTED]';
    return {
      name: rule.name,
      mask,
      minDigits: 0,
      scan(text, sink) {
        regex.lastIndex = 0;
        for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
          if (m[0].length === 0) regex.lastIndex++;
          else sink.add(m.index, m.index + m[0].length, mask);
        }
      },
    };
  });
}

/**
 * Parses `EZLOGS_REDACT_RULES`: entries `name=regex` separated by newlines or ` ;; `
 * (regexes may contain commas and single semicolons). Returns the rules or a problem message.
 */
export function parseCustomRules(raw: string): { rules: CustomRule[]; problem?: string } {
  const rules: CustomRule[] = [];
  for (const entry of raw.split(/\n|\s;;\s/)) {
    const text = entry.trim();
    if (text === '') continue;
    const eq = text.indexOf('=');
    const name = eq > 0 ? text.slice(0, eq).trim() : '';
    const pattern = eq > 0 ? text.slice(eq + 1) : '';
    if (!/^[A-Za-z][\w-]*$/.test(name) || pattern === '') {
      return { rules: [], problem: `expected name=regex entries, got "${text.slice(0, 40)}"` };
    }
    try {
      new RegExp(pattern);
    } catch (error) {
      return { rules: [], problem: `rule "${name}": ${(error as Error).message}` };
    }
    rules.push({ name, pattern, mask: `[${name.toUpperCase()}]` });
  }
  return { rules };
}
