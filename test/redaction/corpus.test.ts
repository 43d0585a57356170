import { describe, expect, test } from 'vitest';
import { detectorNames } from '../../src/config/config.js';
import type { UniversalEvent } from '../../src/events/universal-event.js';
import { createRedactor } from '../../src/redaction/redactor.js';
import { keyedCases, prose } from './corpus/keyed.js';
import { hardNegatives, neverRedact } from './corpus/negatives.js';
import { positives } from './corpus/positives.js';

/**
 * The labelled corpus (fixed seeds): every positive in four placements (log line, metadata /
 * JSON, exception, URL / header / SQL), every negative likewise. Recall must be 100% and the
 * false-positive rate at most 1% per detector, with zero changes on the never-redact set.
 */
const redactor = createRedactor({ extraKeys: [], patterns: [...detectorNames], maxEventBytes: 65536 });

function baseEvent(): UniversalEvent {
  return {
    event_id: 'evt_corpus', timestamp: '2026-11-22T10:30:00.123Z', event_type: 'log', action: 'error', outcome: 'failure',
    correlation: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' }, metadata: {},
    platform: { service: 'shop', environment: 'test', host: 'web-1', sdk: 'ezlogs-node/0.1.0', runtime: 'node/20.20.2' },
  };
}

type Placement = (value: string) => string;

const placements: Record<string, Placement> = {
  log: (v) => redactor.redactString(`[info] checkout customer=42 note ${v} processed in 12ms`),
  metadata: (v) => JSON.stringify(redactor.redactEvent({ ...baseEvent(), metadata: { note: v, nested: { deeper: [`ref: ${v}`] } } }).metadata),
  exception: (v) => JSON.stringify(redactor.redactEvent({
    ...baseEvent(), error: { type: 'ValidationError', message: `could not process ${v}`, stack: `ValidationError: could not process ${v}\n    at handler (/app/src/pay.js:10:5)` },
  }).error),
  url: (v) => decodeURIComponent(redactor.sanitizeUrl(`https://api.shop.test/v1/search?q=${encodeURIComponent(v)}&page=2`)),
  header: (v) => JSON.stringify(redactor.redactHeaders({ 'x-customer-note': v, accept: 'application/json' })),
  sql: (v) => redactor.redactString(`query failed: INSERT INTO notes (body) VALUES ('${v}') RETURNING id`),
  json: (v) => redactor.redactString(JSON.stringify({ note: v, id: 42 })),
};
const placementNames = Object.keys(placements);

/** Four placements per value, rotating so each placement sees every detector. */
function placementsFor(index: number): string[] {
  return [0, 1, 2, 3].map((k) => placementNames[(index + k * 2) % placementNames.length] ?? 'log');
}

/** A leak: the secret, or any of its separator-delimited pieces of 5+ characters, survives. */
function leaks(output: string, secret: string): boolean {
  if (output.includes(secret)) return true;
  return secret.split(/[\s().+/-]+/).some((piece) => piece.length >= 5 && output.includes(piece));
}

interface Row { detector: string; positives: number; found: number; negatives: number; falsePositives: number }

const rows = new Map<string, Row>();
const row = (detector: string): Row => {
  let r = rows.get(detector);
  if (!r) rows.set(detector, (r = { detector, positives: 0, found: 0, negatives: 0, falsePositives: 0 }));
  return r;
};
const misses: string[] = [];
const falsePositives: string[] = [];

describe('labelled PII corpus', () => {
  test('every positive is masked with its typed mask in every placement', () => {
    positives(20261122).forEach((p, i) => {
      const secret = p.category === 'bearer' ? p.value.slice(p.value.indexOf(' ') + 1) : p.value;
      for (const name of placementsFor(i)) {
        const out = (placements[name] as Placement)(p.value);
        const r = row(p.category);
        r.positives++;
        if (!leaks(out, secret) && out.includes(p.mask)) r.found++;
        else if (misses.length < 20) misses.push(`${p.category} in ${name}: ${p.value} -> ${out}`);
      }
    });
    expect(misses).toEqual([]);
  });

  test('hard negatives pass through untouched (at most 1% changed per detector)', () => {
    hardNegatives(7).forEach((n, i) => {
      for (const name of placementsFor(i)) {
        const out = (placements[name] as Placement)(n.value);
        const r = row(n.category);
        r.negatives++;
        if (!out.includes(n.value) || /\[(?:EMAIL|CARD|SSN|PHONE|IBAN|JWT|SECRET|REDACTED)\]/.test(out)) {
          r.falsePositives++;
          if (falsePositives.length < 20) falsePositives.push(`${n.category} in ${name}: ${n.value} -> ${out}`);
        }
      }
    });
    for (const r of rows.values()) expect(r.falsePositives / Math.max(1, r.negatives), r.detector).toBeLessThanOrEqual(0.01);
  });

  test('the never-redact set (trace ids, UUIDs, hashes, timestamps, order numbers, prices, versions) is never changed', () => {
    const changed: string[] = [];
    neverRedact(99).forEach((n, i) => {
      for (const name of placementsFor(i)) {
        const out = (placements[name] as Placement)(n.value);
        const r = row('never');
        r.negatives++;
        if (!out.includes(n.value) || /\[(?:EMAIL|CARD|SSN|PHONE|IBAN|JWT|SECRET|REDACTED)\]/.test(out)) {
          r.falsePositives++;
          changed.push(`${name}: ${n.value} -> ${out}`);
        }
      }
    });
    expect(changed).toEqual([]);
  });

  test('secrets under sensitive keys are redacted in metadata, JSON strings, query strings and headers; harmless keys are kept', () => {
    const wrong: string[] = [];
    keyedCases(5).forEach((c, i) => {
      const views = [
        JSON.stringify(redactor.redactEvent({ ...baseEvent(), metadata: { a: { b: { [c.key]: c.value } } } }).metadata),
        redactor.redactString(JSON.stringify({ [c.key]: c.value })),
        decodeURIComponent(redactor.sanitizeUrl(`/cb?${encodeURIComponent(c.key)}=${encodeURIComponent(c.value)}&page=1`)),
        JSON.stringify(redactor.redactHeaders({ [c.key.toLowerCase()]: c.value })),
        redactor.redactString(`${c.key}=${c.value}&x=1`),
      ];
      const view = views[i % views.length] ?? '';
      const r = row(c.sensitive ? 'key' : 'key');
      if (c.sensitive) r.positives++;
      else r.negatives++;
      const redacted = !view.includes(c.value) && view.includes('[REDACTED]');
      if (c.sensitive && redacted) r.found++;
      if (!c.sensitive && redacted) r.falsePositives++;
      if (c.sensitive !== redacted) wrong.push(`${c.key}=${c.value} -> ${view}`);
    });
    for (const sentence of prose) expect(redactor.redactString(sentence)).toBe(sentence);
    expect(wrong).toEqual([]);
  });

  test('prints recall and false-positive rate per detector', () => {
    const table = [...rows.values()].map((r) => ({
      detector: r.detector,
      positives: r.positives,
      recall: r.positives === 0 ? '-' : `${((100 * r.found) / r.positives).toFixed(1)}%`,
      negatives: r.negatives,
      fp_rate: `${((100 * r.falsePositives) / Math.max(1, r.negatives)).toFixed(2)}%`,
    }));
    console.table(table);
    if (falsePositives.length > 0) console.log('false positives (sample):\n' + falsePositives.join('\n'));
    for (const r of rows.values()) if (r.positives > 0) expect(r.found, r.detector).toBe(r.positives);
  });
});
