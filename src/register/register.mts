// `node --import @ezlogs/node/register app.js`: for ESM and CommonJS apps alike.
import { createRequire, register } from 'node:module';

// The agent is CommonJS; loading it with `require` rather than `import` spares a CommonJS
// app the ESM-to-CommonJS bridge (export detection of every module it imports).
const require = createRequire(import.meta.url);
const { mainIsEsm } = require('./main-is-esm.js') as typeof import('./main-is-esm.js');
const { shouldStart } = require('./should-start.js') as typeof import('./should-start.js');

if (shouldStart()) {
  try {
    const { prepareStartOnFirstUse } = require('./start-on-first-use.js') as typeof import('./start-on-first-use.js');
    const pending = prepareStartOnFirstUse();
    if (pending && mainIsEsm()) {
      // The loader hook wraps only the packages our instrumentations patch.
      const include = [...pending.packages];
      const { supportsSyncHooks } = await import('import-in-the-middle/supports-sync-hooks.mjs');
      if (supportsSyncHooks()) {
        // Node 22.22.3+/24.11.1+: the hooks run in this thread (no hook thread at start), and
        // an import of a watched package loads the agent before that package loads.
        const { register: registerSyncHooks } = await import('import-in-the-middle/register-hooks.mjs');
        registerSyncHooks({ include });
        pending.arm({ esm: true });
      } else {
        // The hooks run in a thread of their own, which cannot make this one load the agent
        // before an import goes ahead: the agent loads now, and the app's imports wait until the
        // hook thread knows what the instrumentations wrap.
        const { createAddHookMessageChannel } = await import('import-in-the-middle');
        const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
        register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
        pending.startNow();
        await waitForAllMessagesAcknowledged();
      }
    } else {
      // A CommonJS app: no loader hook needed.
      pending?.arm();
    }
  } catch (err) {
    process.stderr.write(`[ezlogs] error: could not register the loader hook, running without telemetry: ${String(err)}\n`);
  }
}
