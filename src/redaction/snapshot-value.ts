import { types } from 'node:util';
import { scanMargin, type PayloadLimits } from './limits';
import { redactedMask } from './keyed-values';
import type { RedactionStats } from './redaction-stats';
import type { KeyMatcher } from './sensitive-keys';
import { truncateString } from './truncate';

/** Per-event state of one walk; reset by the redactor before each event. */
export interface WalkState {
  readonly limits: PayloadLimits;
  readonly stats: RedactionStats;
  readonly scan: (text: string) => string;
  readonly isSensitive: KeyMatcher;
  /** Digits-only numbers this long may be card numbers stored as numbers. */
  readonly scanNumbers: boolean;
  nodes: number;
  /** Approximate serialized size so far (code units); decides whether an exact size check is needed. */
  size: number;
  truncated: boolean;
  /** Objects on the current path, for cycle detection. */
  readonly path: object[];
}

export const depthMarker = '[depth limit]';
export const circularMarker = '[circular]';
export const unreadableMarker = '[unreadable]';

export function redactText(text: string, state: WalkState): string {
  const max = state.limits.maxStringLength;
  const scanned = state.scan(text.length > max + scanMargin ? text.slice(0, max + scanMargin) : text);
  state.size += scanned.length + 2;
  if (scanned.length <= max) return scanned;
  state.stats.add('string_truncated');
  state.truncated = true;
  return truncateString(scanned, max);
}

/**
 * Returns a JSON-safe snapshot of `value`, redacted and cut to the limits. Containers are
 * always copied: the caller may mutate its object after `track()` returns, and getters,
 * Proxies and `toJSON` would otherwise run again, unredacted, at serialization time.
 * Returns `undefined` for what JSON would drop (functions, symbols).
 */
export function snapshotValue(value: unknown, state: WalkState, depth: number): unknown {
  switch (typeof value) {
    case 'string':
      return redactText(value, state);
    case 'number':
      state.size += 8;
      if (state.scanNumbers && Number.isInteger(value) && Math.abs(value) >= 1e12) {
        const digits = String(value);
        const masked = state.scan(digits);
        return masked === digits ? value : masked;
      }
      return value;
    case 'bigint':
      return redactText(value.toString(), state);
    case 'boolean':
      state.size += 5;
      return value;
    case 'object':
      return value === null ? null : snapshotObject(value, state, depth);
    default:
      return undefined;
  }
}

function snapshotObject(value: object, state: WalkState, depth: number): unknown {
  if (depth >= state.limits.maxDepth) return limited(state, 'depth_limited', depthMarker);
  if (++state.nodes > state.limits.maxNodes) return limited(state, 'keys_limited', undefined);
  if (state.path.includes(value)) return limited(state, 'circular_removed', circularMarker);
  state.path.push(value);
  try {
    return types.isProxy(value) || Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype
      || Object.getPrototypeOf(value) === null
      ? copyContainer(value, state, depth)
      : snapshotSpecial(value, state, depth);
  } catch {
    return limited(state, 'unreadable_value', unreadableMarker);
  } finally {
    state.path.pop();
  }
}

function limited(state: WalkState, kind: Parameters<RedactionStats['add']>[0], replacement: string | undefined): string | undefined {
  state.stats.add(kind);
  state.truncated = true;
  return replacement;
}

function copyContainer(value: object, state: WalkState, depth: number): unknown {
  if (Array.isArray(value)) {
    const length = Math.min(value.length, state.limits.maxKeys);
    if (value.length > length) limited(state, 'keys_limited', undefined);
    const out: unknown[] = new Array<unknown>(length);
    for (let i = 0; i < length; i++) out[i] = readAndSnapshot(value, i, state, depth) ?? null;
    state.size += length + 2;
    return out;
  }
  const out: Record<string, unknown> = {};
  let kept = 0;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (kept === state.limits.maxKeys) {
      limited(state, 'keys_limited', undefined);
      break;
    }
    kept++;
    const item = state.isSensitive(key) ? redactedMask : readAndSnapshot(value, key, state, depth);
    if (item === undefined) continue;
    state.size += key.length + 4;
    setOwn(out, key, item);
  }
  return out;
}

function readAndSnapshot(container: object, key: string | number, state: WalkState, depth: number): unknown {
  let item: unknown;
  try {
    item = (container as Record<string | number, unknown>)[key];
  } catch {
    return limited(state, 'unreadable_value', unreadableMarker);
  }
  return snapshotValue(item, state, depth + 1);
}

/** `out.__proto__ = x` would replace the prototype instead of adding a key. */
function setOwn(out: Record<string, unknown>, key: string, item: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
  else out[key] = item;
}

/** Class instances: the few built-ins with a meaningful JSON form, else their own enumerable fields. */
function snapshotSpecial(value: object, state: WalkState, depth: number): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Error) {
    return { type: redactText(value.name, state), message: redactText(value.message, state) };
  }
  if (value instanceof Map) {
    const entries: Record<string, unknown> = {};
    for (const [k, v] of take(value, state.limits.maxKeys + 1)) setOwn(entries, String(k), v);
    return copyContainer(entries, state, depth);
  }
  if (value instanceof Set) return copyContainer(take(value.values(), state.limits.maxKeys + 1), state, depth);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[binary ${value.byteLength} bytes]`;
  if (value instanceof RegExp) return redactText(String(value), state);
  if (value instanceof String || value instanceof Number || value instanceof Boolean) return snapshotValue(value.valueOf(), state, depth);
  return copyContainer(value, state, depth);
}

/** The first `count` items of an iterable, so a million-entry Map costs no more than the limit. */
function take<T>(items: Iterable<T>, count: number): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (out.length === count) break;
    out.push(item);
  }
  return out;
}
