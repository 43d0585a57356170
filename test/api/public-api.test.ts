import { describe, expect, expectTypeOf, it } from 'vitest';
import * as api from '../../src/index.js';
import type { Config, Health, Ref, TrackFields, UniversalEvent } from '../../src/index.js';

describe('the public API of SPEC section 8', () => {
  it('has exactly the names the SPEC lists, plus forkContext and EzlogsError', () => {
    expect(Object.keys(api).sort()).toEqual(['EzlogsError', 'flush', 'forkContext', 'health', 'setActor', 'setSession', 'shutdown', 'start', 'track', 'trackJob', 'withFlow']);
  });

  it('keeps the SPEC signatures', () => {
    expectTypeOf(api.start).toEqualTypeOf<(options?: Partial<Config>) => Promise<void>>();
    expectTypeOf(api.shutdown).toEqualTypeOf<() => Promise<void>>();
    expectTypeOf(api.flush).toEqualTypeOf<() => Promise<void>>();
    expectTypeOf(api.track).toEqualTypeOf<(eventType: string, action: string, fields?: TrackFields) => void>();
    expectTypeOf(api.setActor).toEqualTypeOf<(actor: Ref) => void>();
    expectTypeOf(api.setSession).toEqualTypeOf<(sessionId: string) => void>();
    expectTypeOf(api.withFlow).toEqualTypeOf<<T>(flowId: string, fn: () => T) => T>();
    expectTypeOf(api.trackJob).toEqualTypeOf<<T>(queue: string, name: string, fn: () => Promise<T>) => Promise<T>>();
    expectTypeOf(api.health).toEqualTypeOf<() => Health>();
    expectTypeOf<TrackFields['outcome']>().toEqualTypeOf<'success' | 'failure' | undefined>();
    expectTypeOf<UniversalEvent['correlation']['trace_id']>().toEqualTypeOf<string>();
  });

  it('rejects a malformed actor with an error that names the call and the value', () => {
    expect(() => api.setActor({ id: '1' } as unknown as Ref)).toThrow(/setActor\(actor\): expected \{ type: string, id: string \}, got \{"id":"1"\}/);
    expect(() => api.withFlow('', () => 1)).toThrow(/withFlow\(flowId, fn\): flowId must be a non-empty string/);
  });
});
