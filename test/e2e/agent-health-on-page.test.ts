import { describe, expect, it } from 'vitest';
import { createReceiver } from '../../src/receiver/index.js';
import { freshSpoolDir } from '../helpers/fresh-dir.js';
import { fixture, spawnApp } from '../helpers/spawn-app.js';

describe('the receiver shows the delivery health of the agents that send to it', () => {
  it('gets each batch with an X-Ezlogs-Health snapshot and lists the agent by service', async () => {
    const receiver = createReceiver();
    const { url, eventsUrl } = await receiver.listen(0);
    try {
      const app = spawnApp(fixture('short-lived.mjs'), { env: { EZLOGS_ENDPOINT: eventsUrl, EZLOGS_SERVICE_NAME: 'health-reporter', EZLOGS_SPOOL_DIR: freshSpoolDir('health-header'), MODE: 'health' } });
      expect((await app.exited).code, app.stderr()).toBe(0);
      const agents = (await (await fetch(`${url}/api/agents`)).json()) as unknown;
      const list = Array.isArray(agents) ? agents : (agents as { agents: unknown[] }).agents;
      const mine = (list as Array<{ service: string; health: Record<string, unknown> }>).find((a) => a.service === 'health-reporter');
      expect(mine?.health).toMatchObject({ circuit_state: 'closed', events_dropped: {} });
      expect(typeof mine?.health.total_requests).toBe('number');
    } finally {
      await receiver.close();
    }
  });
});
