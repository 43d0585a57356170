import { describe, expect, test } from 'vitest';
import { detectorNames } from '../../src/config/config.js';
import type { UniversalEvent } from '../../src/events/universal-event.js';
import { createRedactor, type RedactionOptions } from '../../src/redaction/redactor.js';
import { bestTimeMs } from '../helpers/best-time.js';

const all = [...detectorNames];

function event(fields: Partial<UniversalEvent> = {}): UniversalEvent {
  return {
    event_id: 'evt_01JD2Q4T6Y8K3M5N7P9R1S3T5V', timestamp: '2026-11-22T10:30:00.123Z', event_type: 'user.action',
    action: 'profile.updated', outcome: 'success', correlation: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' },
    metadata: {}, platform: { service: 'shop', environment: 'test', host: 'web-1', sdk: 'ezlogs-node/0.1.0', runtime: 'node/20.20.2' },
    ...fields,
  };
}

const redactor = (options: Partial<RedactionOptions> = {}) => createRedactor({ extraKeys: [], patterns: all, maxEventBytes: 8192, ...options });

describe('redactEvent', () => {
  test('redacts sensitive keys at any depth and masks PII values in metadata', () => {
    const e = redactor().redactEvent(event({
      metadata: { method: 'POST', status_code: 201, duration_ms: 12.41, body: { user: { userPassword: 'hunter2', contact: 'bob@example.com', cards: [{ card_number: '1234' }] } } },
    }));
    expect(e.metadata).toEqual({
      method: 'POST', status_code: 201, duration_ms: 12.41,
      body: { user: { userPassword: '[REDACTED]', contact: '[EMAIL]', cards: [{ card_number: '[REDACTED]' }] } },
    });
  });

  test('keeps actor and subject ids, masks actor.email by default and redacts other ref fields', () => {
    const e = redactor().redactEvent(event({
      actor: { type: 'user', id: 'bob@example.com', email: 'bob@example.com', api_token: 'x' },
      subject: { type: 'order', id: '456', note: 'card 4111 1111 1111 1111' },
    }));
    expect(e.actor).toEqual({ type: 'user', id: 'bob@example.com', email: '[EMAIL]', api_token: '[REDACTED]' });
    expect(e.subject).toEqual({ type: 'order', id: '456', note: 'card [CARD]' });
    expect(redactor({ maskActorEmail: false }).redactEvent(event({ actor: { type: 'user', id: '1', email: 'bob@example.com' } })).actor?.email).toBe('bob@example.com');
  });

  test('redacts error message and stack, and an action carrying an email', () => {
    const e = redactor().redactEvent(event({
      action: 'GET /users/bob@example.com',
      error: { type: 'Error', message: 'login failed for bob@example.com with password=hunter2', stack: 'Error: token sk_live_4eC39HqLyjWDarjtT1zdp7dc\n    at x (/app/a.js:1:1)' },
    }));
    expect(e.action).toBe('GET /users/[EMAIL]');
    expect(e.error).toEqual({ type: 'Error', message: 'login failed for [EMAIL] with password=[REDACTED]', stack: 'Error: token [SECRET]\n    at x (/app/a.js:1:1)' });
  });

  test('does not modify the caller\'s metadata object', () => {
    const metadata = { password: 'hunter2', nested: { email: 'bob@example.com' } };
    redactor().redactEvent(event({ metadata }));
    expect(metadata).toEqual({ password: 'hunter2', nested: { email: 'bob@example.com' } });
  });

  test('masks a card number stored as a number', () => {
    expect(redactor().redactEvent(event({ metadata: { n: 4111111111111111, ts: 1732271400123 } })).metadata).toEqual({ n: '[CARD]', ts: 1732271400123 });
  });

  test('extra keys, custom rules and disabled detectors come from the options', () => {
    const r = redactor({
      extraKeys: ['customer'], disabledDetectors: ['phone'],
      customRules: [{ name: 'order_ref', pattern: /ORD-\d{6}/, mask: '[ORDER]' }, { name: 'ticket', pattern: 'TCK\\d+' }],
    });
    const e = r.redactEvent(event({ metadata: { customerName: 'Bob', note: 'ORD-123456 TCK42 call 415-555-0132' } }));
    expect(e.metadata).toEqual({ customerName: '[REDACTED]', note: '[ORDER] [REDACTED] call 415-555-0132' });
  });

  test("patterns ['none'] turns value detectors off but key-based redaction stays", () => {
    const e = redactor({ patterns: ['none'] }).redactEvent(event({ metadata: { password: 'x', note: 'bob@example.com' } }));
    expect(e.metadata).toEqual({ password: '[REDACTED]', note: 'bob@example.com' });
  });
});

describe('hostile metadata', () => {
  test('circular refs, BigInt, Symbol, functions, throwing getters, Proxy, __proto__ and NaN give a JSON-safe event', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const getter = Object.defineProperty({}, 'boom', { enumerable: true, get: () => { throw new Error('nope'); } });
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    const polluted = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as Record<string, unknown>;
    const r = redactor();
    const e = r.redactEvent(event({
      metadata: { circular, big: 12345678901234567890n, sym: Symbol('s'), fn: () => 1, getter, proxy, polluted, nan: NaN, date: new Date(0), map: new Map([['password', 'x']]) },
    }));
    const json = JSON.stringify(e);
    expect(JSON.parse(json).metadata).toEqual({
      circular: { name: 'loop', self: '[circular]' }, big: '12345678901234567890', getter: { boom: '[unreadable]' }, proxy: '[unreadable]',
      polluted: { ['__proto__']: { polluted: true }, ok: 1 }, nan: null, date: '1970-01-01T00:00:00.000Z', map: { password: '[REDACTED]' }, _truncated: true,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.stats()).toMatchObject({ circular_removed: 1, unreadable_value: 2 });
  });

  test('10k-deep nesting is cut at the depth limit quickly', () => {
    let deep: Record<string, unknown> = { leaf: 'bob@example.com' };
    for (let i = 0; i < 10_000; i++) deep = { child: deep };
    const r = redactor();
    let e = event();
    expect(bestTimeMs(3, () => (e = r.redactEvent(event({ metadata: { deep } }))))).toBeLessThan(50);
    expect(JSON.stringify(e)).toContain('[depth limit]');
    expect(r.stats().depth_limited).toBe(3);
  });

  test('a 1 MB string is cut, marked and the event stays under maxEventBytes, within 50 ms (a guard against a blow-up; speed is benchmarked)', () => {
    const r = redactor();
    const huge = `${'x'.repeat(500_000)}bob@example.com${'y'.repeat(500_000)}`;
    r.redactEvent(event({ metadata: { huge } })); // warm up
    let e = event();
    expect(bestTimeMs(3, () => (e = r.redactEvent(event({ metadata: { huge, head: `${'a'.repeat(100)}bob@example.com` } }))))).toBeLessThan(50);
    const bytes = Buffer.byteLength(JSON.stringify(e));
    expect(bytes).toBeLessThanOrEqual(8192);
    expect(e.metadata._truncated).toBe(true);
    expect(String(e.metadata.huge)).toMatch(/\.\.\.\[truncated\]$/);
    expect(JSON.stringify(e)).not.toContain('bob@example.com');
    expect(r.stats().string_truncated).toBeGreaterThanOrEqual(2);
  });

  test('many fields and wide objects are limited and the serialized event never exceeds the cap', () => {
    for (const maxEventBytes of [512, 2048, 8192]) {
      const r = redactor({ maxEventBytes });
      const wide: Record<string, string> = {};
      for (let i = 0; i < 5000; i++) wide[`field_${i}`] = `value ${i} ${'\u0001'.repeat(20)} ünïcødé`;
      const e = r.redactEvent(event({ metadata: { wide }, error: { type: 'E', message: 'm'.repeat(5000), stack: 's'.repeat(20000) } }));
      expect(Buffer.byteLength(JSON.stringify(e))).toBeLessThanOrEqual(maxEventBytes);
      expect(e.metadata._truncated).toBe(true);
      expect(r.stats()).toMatchObject({ keys_limited: 1, event_truncated: 1 });
    }
  });

  test('a secret straddling the string cut is still masked, not half-kept', () => {
    const r = redactor({ limits: { maxStringLength: 100 } });
    const text = `${'a '.repeat(45)}card 4111 1111 1111 1111 tail`;
    const out = r.redactString(text);
    expect(out).not.toMatch(/4111|1111/);
  });
});

describe('redactString', () => {
  test('returns the same string when there is nothing to redact', () => {
    const text = 'GET /orders/42 200 in 12.41ms trace=4bf92f3577b34da6a3ce929d0e0e4736';
    expect(redactor().redactString(text)).toBe(text);
  });

  test('redacts JSON-looking strings by key and keeps them valid JSON', () => {
    const out = redactor().redactString('{"user":"bob","password":"hunter2","pin":1234,"secrets":["a","b"],"note":"x"}');
    expect(JSON.parse(out)).toEqual({ user: 'bob', password: '[REDACTED]', pin: '[REDACTED]', secrets: '[REDACTED]', note: 'x' });
  });
});
