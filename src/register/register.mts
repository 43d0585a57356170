// `node --import @ezlogs/node/register app.js`: for ESM and CommonJS apps alike.
import { register } from 'node:module';
import { mainIsEsm } from './main-is-esm.js';
import { shouldStart } from './should-start.js';

if (shouldStart()) {
  try {
    // The loader hook wraps only the modules our enabled instrumentations ask for: each
    // instrumentation's hook names travel to the loader thread over this channel, and every
    // other package loads untouched.
    if (mainIsEsm()) {
      const { createAddHookMessageChannel } = await import('import-in-the-middle');
      const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
      register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
      const { start } = await import('../agent.js');
      await start();
      // The app's own imports must not resolve before the loader knows what to wrap.
      await waitForAllMessagesAcknowledged();
    } else {
      const { start } = await import('../agent.js');
      await start();
    }
  } catch (err) {
    process.stderr.write(`[ezlogs] error: could not register the loader hook, running without telemetry: ${String(err)}\n`);
  }
}
