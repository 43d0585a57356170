import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';
import { contribComponents, contribVersion, type ComponentKind } from './contrib-components.js';

const dir = fileURLToPath(new URL('../../collector-config/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));

type Section = Record<string, Record<string, unknown> | null>;
interface CollectorConfig {
  receivers?: Section;
  processors?: Section;
  exporters?: Section;
  extensions?: Section;
  connectors?: Section;
  service: { extensions?: string[]; pipelines: Record<string, { receivers: string[]; processors?: string[]; exporters: string[] }> };
}

const load = (file: string) => {
  const text = readFileSync(`${dir}${file}`, 'utf8');
  const doc = parseDocument(text);
  return { text, doc, config: doc.toJS() as CollectorConfig };
};
/** `otlphttp/ezlogs` -> `otlphttp`: the part before the slash names the component type. */
const typeOf = (id: string): string => id.split('/')[0] ?? id;
const kinds: ComponentKind[] = ['receivers', 'processors', 'exporters', 'extensions', 'connectors'];

it('ships the agent and gateway configs', () => {
  expect(files.sort()).toEqual(['agent.yaml', 'gateway.yaml']);
});

describe.each(files)('collector-config/%s', (file) => {
  const { text, doc, config } = load(file);

  it('parses as YAML without errors or warnings', () => {
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it(`uses only components of the contrib distribution v${contribVersion}`, () => {
    for (const kind of kinds) {
      for (const id of Object.keys(config[kind] ?? {})) {
        expect(contribComponents[kind] as readonly string[], `${kind}.${id}`).toContain(typeOf(id));
      }
    }
  });

  it('references only defined receivers, processors, exporters and extensions, and defines nothing unused', () => {
    const used = new Set<string>();
    const mustDefine = (kind: ComponentKind, id: string, where: string): void => {
      const defined = Object.keys(config[kind] ?? {}).concat(kind === 'receivers' || kind === 'exporters' ? Object.keys(config.connectors ?? {}) : []);
      expect(defined, `${where} references ${kind} "${id}"`).toContain(id);
      used.add(`${kind}:${id}`);
    };
    expect(Object.keys(config.service.pipelines).length).toBeGreaterThan(0);
    for (const [name, pipeline] of Object.entries(config.service.pipelines)) {
      expect(pipeline.receivers.length, `${name} receivers`).toBeGreaterThan(0);
      expect(pipeline.exporters.length, `${name} exporters`).toBeGreaterThan(0);
      for (const id of pipeline.receivers) mustDefine('receivers', id, name);
      for (const id of pipeline.processors ?? []) mustDefine('processors', id, name);
      for (const id of pipeline.exporters) mustDefine('exporters', id, name);
    }
    for (const id of config.service.extensions ?? []) mustDefine('extensions', id, 'service.extensions');
    for (const kind of ['receivers', 'processors', 'exporters', 'extensions'] as const) {
      for (const id of Object.keys(config[kind] ?? {})) expect(used.has(`${kind}:${id}`), `${kind}.${id} is defined but not used`).toBe(true);
    }
  });

  it('puts memory_limiter first and batch last in every pipeline', () => {
    for (const [name, pipeline] of Object.entries(config.service.pipelines)) {
      const processors = (pipeline.processors ?? []).map(typeOf);
      expect(processors[0], name).toBe('memory_limiter');
      expect(processors.at(-1), name).toBe('batch');
    }
  });

  it('says why for every component it configures', () => {
    for (const kind of kinds) {
      const section = doc.get(kind, true);
      if (!isMap(section)) continue;
      (section as YAMLMap).items.forEach((pair, i) => {
        const comment = i === 0 ? (section.commentBefore ?? (isScalar(pair.key) ? pair.key.commentBefore : undefined)) : isScalar(pair.key) ? pair.key.commentBefore : undefined;
        expect(comment?.trim().length ?? 0, `${kind}.${String(isScalar(pair.key) ? pair.key.value : '?')} has no comment`).toBeGreaterThan(20);
      });
    }
  });

  it('reads settings from the environment only as ${env:NAME} or ${env:NAME:-default}', () => {
    for (const reference of text.match(/\$\{[^}]*\}/g) ?? []) expect(reference).toMatch(/^\$\{env:[A-Z_][A-Z0-9_]*(:-[^}]+)?\}$/);
  });

  it('never appends /v1/logs twice: a base `endpoint` has no signal path, a `logs_endpoint` has it', () => {
    for (const [id, exporter] of Object.entries(config.exporters ?? {})) {
      if (typeOf(id) !== 'otlphttp') continue;
      const settings = exporter ?? {};
      const withDefault = (value: unknown): string => String(value).replace(/\$\{env:[A-Z_0-9]+:-([^}]+)\}/, '$1');
      if (settings.endpoint !== undefined) expect(withDefault(settings.endpoint), id).not.toMatch(/\/v1\/logs\/?$/);
      if (settings.logs_endpoint !== undefined) expect(withDefault(settings.logs_endpoint), id).toMatch(/^https?:\/\/[^/]+\/v1\/logs$/);
    }
  });
});

describe('gateway.yaml delivery to the ezlogs ingestion endpoint', () => {
  const { config } = load('gateway.yaml');
  const exporter = (config.exporters?.['otlphttp/ezlogs'] ?? {}) as Record<string, Record<string, unknown> | string>;

  it('sends OTLP/HTTP JSON to the dev receiver’s /v1/logs by default', () => {
    expect(exporter.encoding).toBe('json');
    expect(exporter.logs_endpoint).toBe('${env:EZLOGS_INGEST_LOGS_ENDPOINT:-http://receiver:4800/v1/logs}');
  });

  it('retries and queues on disk through the file_storage extension', () => {
    expect(exporter.retry_on_failure).toMatchObject({ enabled: true });
    expect(exporter.sending_queue).toMatchObject({ enabled: true, storage: 'file_storage' });
    expect(config.service.extensions).toEqual(expect.arrayContaining(['file_storage', 'health_check']));
    expect(config.extensions?.file_storage).toMatchObject({ directory: '/var/lib/otelcol/file_storage' });
  });

  it('redacts as defence in depth without dropping the event’s attributes', () => {
    expect(config.service.pipelines.logs?.processors).toContain('redaction');
    const redaction = config.processors?.redaction as { allow_all_keys: boolean; blocked_key_patterns: string[]; ignored_keys: string[]; summary: string };
    expect(redaction.allow_all_keys).toBe(true);
    expect(redaction.summary).toBe('silent');
    expect(redaction.ignored_keys).toEqual(expect.arrayContaining(['ezlogs.event_id', 'ezlogs.correlation.parent_span_id', 'ezlogs.correlation.session_id']));
  });

  // The key patterns are RE2 in the Collector; these ones use only syntax JavaScript shares.
  it.each([
    ['ezlogs.metadata.password', true],
    ['ezlogs.metadata.access_token', true],
    ['ezlogs.metadata.userPassword', true],
    ['ezlogs.metadata.x-api-key', true],
    ['ezlogs.metadata.token_count', false],
    ['ezlogs.metadata.shipping', false],
    ['ezlogs.correlation.session_id', false],
    ['ezlogs.metadata.classname', false],
  ])('masks the value under %s: %s', (key, masked) => {
    const redaction = config.processors?.redaction as { blocked_key_patterns: string[] };
    const regexes = redaction.blocked_key_patterns.map((p) => new RegExp(p.replace(/^\(\?i\)/, ''), 'i'));
    expect(regexes.some((r) => r.test(key))).toBe(masked);
  });
});
