import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSpool } from '../../src/cli/spool.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { createDeliveryEngine } from '../../src/delivery/delivery-engine.js';
import type { UniversalEvent } from '../../src/events/universal-event.js';
import { EventCollector } from '../helpers/event-collector.js';
import { captureIo } from './capture-io.js';

function event(i: number): UniversalEvent {
  return {
    event_id: `evt_spool_cli_${i}`,
    timestamp: new Date().toISOString(),
    event_type: 'custom.test',
    action: 'spooled',
    outcome: 'success',
    correlation: { trace_id: 'a'.repeat(32) },
    metadata: { i },
    platform: { service: 'spool-cli', environment: 'test', host: 'h', sdk: 'ezlogs-node/0.1.0', runtime: 'node' },
  };
}

/** A spool filled the way the agent fills it: the endpoint is down at shutdown. */
async function filledSpool(events: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ezlogs-spool-cli-'));
  const config = resolveConfig({ env: {}, options: { endpoint: 'http://127.0.0.1:9/events', spoolDir: dir, retryAttempts: 0, shutdownTimeoutMs: 300, batchSize: 10 } }).config;
  const engine = createDeliveryEngine(config);
  for (let i = 0; i < events; i++) engine.accept(event(i));
  await engine.shutdown();
  return dir;
}

describe('ezlogs spool', () => {
  it('lists the batches and events a spool directory holds', async () => {
    const dir = await filledSpool(25);
    const io = captureIo();
    expect((await runSpool(['list', '--dir', dir], io)).code).toBe(0);
    expect(io.text()).toMatch(new RegExp(`spool ${dir}: \\d+ batches, 25 events, \\d+ bytes; 0 quarantined`));
  });

  it('replays them to the endpoint, which receives every event once, and leaves the spool empty', async () => {
    const dir = await filledSpool(25);
    const collector = new EventCollector();
    const endpoint = await collector.start();
    try {
      const io = captureIo({ EZLOGS_ENDPOINT: endpoint });
      expect((await runSpool(['replay', '--dir', dir], io)).code, io.text()).toBe(0);
      expect(io.text(), io.text()).toContain('replayed 25 events');
      expect(new Set(collector.events.map((e) => e.event_id)).size).toBe(25);
      const after = captureIo();
      await runSpool(['list', '--dir', dir], after);
      expect(after.text()).toContain(': 0 batches, 0 events');
    } finally {
      await collector.stop();
    }
  });

  it('clears them, and refuses an unknown action by name', async () => {
    const dir = await filledSpool(5);
    const io = captureIo();
    expect((await runSpool(['clear', '--dir', dir], io)).code).toBe(0);
    expect(io.text()).toMatch(/removed \d+ batches/);
    const bad = captureIo();
    expect((await runSpool(['purge', '--dir', dir], bad)).code).toBe(2);
    expect(bad.stderr.join('\n')).toContain('unknown action "purge"; expected list, replay or clear');
  });
});
