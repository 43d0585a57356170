import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCollector } from '../helpers/event-collector.js';
import { fixture, spawnApp } from '../helpers/spawn-app.js';
import { freshSpoolDir } from '../helpers/fresh-dir.js';

describe('coexistence with a vanilla OpenTelemetry NodeSDK in the same process (issue 11)', () => {
  const collector = new EventCollector();
  let endpoint: string;
  beforeAll(async () => {
    endpoint = await collector.start();
  });
  afterAll(() => collector.stop());

  for (const order of ['sdk-first', 'ezlogs-first']) {
    it(`${order}: one event of each kind per request, no error, and the app's own spans still export`, async () => {
      const service = `coexist-${order}`;
      const app = spawnApp(fixture('coexist.cjs'), {
        preload: 'none',
        env: { ORDER: order, EZLOGS_ENDPOINT: endpoint, EZLOGS_SERVICE_NAME: service, EZLOGS_SPOOL_DIR: freshSpoolDir(`coexist-${order}`), OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'none', OTEL_NODE_RESOURCE_DETECTORS: 'none' },
      });
      const { code } = await app.exited;
      expect(code, app.stderr()).toBe(0);
      expect(app.stderr()).not.toMatch(/Error|duplicate registration/i);
      expect(app.stderr()).toContain('another OpenTelemetry SDK');
      const exported = JSON.parse(app.stdout().match(/EXPORTED (.*)/)![1]!) as string[];
      expect(exported.filter((n) => n === 'app.work')).toHaveLength(3);
      expect(exported.filter((n) => n === 'GET').length).toBeGreaterThanOrEqual(6);

      const events = await collector.waitFor((all) => all.filter((e) => e.platform.service === service && e.event_type === 'http.request').length >= 3);
      const mine = events.filter((e) => e.platform.service === service);
      for (let i = 0; i < 3; i++) {
        const path = `/items/${i}`;
        const kinds = mine.filter((e) => String(e.metadata.url ?? '').endsWith(path)).map((e) => e.event_type).sort();
        expect(kinds, `events for ${path}`).toEqual(['http.client', 'http.request']);
      }
      expect(mine.filter((e) => e.event_type === 'span' && e.action === 'app.work')).toHaveLength(3);
    });
  }
});
