// The parent's handle on a sink process: start it, read its counters, stop it.
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { spawnReady, stopChild } from '../lib/child-process.mjs';

const script = fileURLToPath(new URL('./sink-server.mjs', import.meta.url));

export async function startSink(mode, { countEvents = false } = {}) {
  const { child, port } = await spawnReady(process.execPath, [script, mode, ...(countEvents ? ['--count-events'] : [])], { ipc: true });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stats() {
      const reply = once(child, 'message');
      child.send('stats');
      const [message] = await reply;
      return message.stats;
    },
    stop: () => stopChild(child),
  };
}
