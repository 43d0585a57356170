/**
 * Pure parsers for option values. Each returns the parsed value or a `ParseFailure`
 * saying what is accepted; the resolver turns failures into one clear line.
 */
export interface ParseFailure {
  readonly accepted: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; failure: ParseFailure };

export type Parser<T> = (raw: unknown) => ParseResult<T>;

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(accepted: string): ParseResult<T> => ({ ok: false, failure: { accepted } });

export function integer(min: number, max: number): Parser<number> {
  const accepted = `an integer from ${min} to ${max}`;
  return (raw) => {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
    return Number.isInteger(n) && n >= min && n <= max ? ok(n) : fail(accepted);
  };
}

export function fraction(): Parser<number> {
  return (raw) => {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
    return Number.isFinite(n) && n >= 0 && n <= 1 ? ok(n) : fail('a number from 0 to 1');
  };
}

const truthy = new Set(['1', 'true', 'yes', 'on']);
const falsy = new Set(['0', 'false', 'no', 'off', '']);

export function boolean(): Parser<boolean> {
  return (raw) => {
    if (typeof raw === 'boolean') return ok(raw);
    if (typeof raw === 'string') {
      const v = raw.trim().toLowerCase();
      if (truthy.has(v)) return ok(true);
      if (falsy.has(v)) return ok(false);
    }
    return fail('true/false (also 1/0, yes/no, on/off)');
  };
}

export function nonEmptyString(): Parser<string> {
  return (raw) => (typeof raw === 'string' && raw.trim() !== '' ? ok(raw.trim()) : fail('a non-empty string'));
}

export function optionalString(): Parser<string | undefined> {
  return (raw) => {
    if (raw === undefined) return ok(undefined);
    return typeof raw === 'string' ? ok(raw.trim() === '' ? undefined : raw.trim()) : fail('a string');
  };
}

export function httpUrl(): Parser<string> {
  return (raw) => {
    if (typeof raw !== 'string') return fail('an http:// or https:// URL');
    try {
      const url = new URL(raw.trim());
      if (url.protocol === 'http:' || url.protocol === 'https:') return ok(url.toString());
    } catch {
      // fall through to the failure below
    }
    return fail('an http:// or https:// URL');
  };
}

export function oneOf<T extends string>(values: readonly T[]): Parser<T> {
  return (raw) => {
    const v = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
    return (values as readonly unknown[]).includes(v) ? ok(v as T) : fail(`one of ${values.join(', ')}`);
  };
}

/** A comma list (or an array), trimmed, empty items removed. */
export function list(): Parser<readonly string[]> {
  return (raw) => {
    if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) {
      return ok(Object.freeze(raw.map((x: string) => x.trim()).filter((x) => x !== '')));
    }
    if (typeof raw === 'string') {
      return ok(Object.freeze(raw.split(',').map((x) => x.trim()).filter((x) => x !== '')));
    }
    return fail('a comma-separated list');
  };
}

/** A comma list whose every item must be one of `values`. */
export function listOf<T extends string>(values: readonly T[]): Parser<readonly T[]> {
  const base = list();
  return (raw) => {
    const parsed = base(raw);
    if (!parsed.ok) return parsed as ParseResult<readonly T[]>;
    const items = parsed.value.map((x) => x.toLowerCase());
    const bad = items.filter((x) => !(values as readonly string[]).includes(x));
    if (bad.length > 0) return fail(`a comma list of ${values.join(', ')} (got unknown ${bad.join(', ')})`);
    return ok(Object.freeze(items as T[]));
  };
}

/** Wraps a domain parser that reports its own problem text (e.g. custom redaction rules). */
export function custom<T>(parse: (raw: string) => { value: T; problem?: string }, accepted: string): Parser<T> {
  return (raw) => {
    if (typeof raw !== 'string') return Array.isArray(raw) ? ok(raw as unknown as T) : fail(accepted);
    const parsed = parse(raw);
    return parsed.problem ? fail(`${accepted} (${parsed.problem})`) : ok(parsed.value);
  };
}
