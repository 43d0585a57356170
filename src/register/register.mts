// `node --import @ezlogs/node/register app.js`: for ESM and CommonJS apps alike.
import { createRequire, register } from 'node:module';

// The agent is CommonJS; loading it with `require` rather than `import` spares a CommonJS
// app the ESM-to-CommonJS bridge (export detection of every module it imports), which showed
// as ~1.5 MiB of peak RSS in the start-up bench.
const require = createRequire(import.meta.url);
const { mainIsEsm } = require('./main-is-esm.js') as typeof import('./main-is-esm.js');
const { shouldStart } = require('./should-start.js') as typeof import('./should-start.js');

if (shouldStart()) {
  try {
    // The loader hook wraps only the modules our enabled instrumentations ask for: each
    // instrumentation's hook names travel to the loader thread over this channel, and every
    // other package loads untouched.
    if (mainIsEsm()) {
      const { createAddHookMessageChannel } = await import('import-in-the-middle');
      const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
      register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
      const { start } = require('../agent.js') as typeof import('../agent.js');
      await start();
      // The app's own imports must not resolve before the loader knows what to wrap.
      await waitForAllMessagesAcknowledged();
    } else {
      // A CommonJS app: no loader hook needed, and the agent loads on first use.
      const { startOnFirstUse } = require('./start-on-first-use.js') as typeof import('./start-on-first-use.js');
      startOnFirstUse();
    }
  } catch (err) {
    process.stderr.write(`[ezlogs] error: could not register the loader hook, running without telemetry: ${String(err)}\n`);
  }
}
