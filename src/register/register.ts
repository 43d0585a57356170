// `node --require @ezlogs/node/register app.cjs`: the CommonJS-only way in.
import { mainIsEsm } from './main-is-esm';
import { shouldStart } from './should-start';

if (shouldStart()) {
  const { prepareStartOnFirstUse } = require('./start-on-first-use') as typeof import('./start-on-first-use');
  const pending = prepareStartOnFirstUse();
  // A CommonJS entry needs no ESM loader hook (and its thread costs ~40 ms and ~12 MiB), and
  // its agent loads on first use; an ES module started with --require gets the hook and the
  // agent at once.
  if (pending && mainIsEsm()) {
    try {
      const { register } = require('node:module') as typeof import('node:module');
      const { pathToFileURL } = require('node:url') as typeof import('node:url');
      const { createAddHookMessageChannel } = require('import-in-the-middle') as typeof import('import-in-the-middle');
      const { registerOptions } = createAddHookMessageChannel();
      register('import-in-the-middle/hook.mjs', pathToFileURL(__filename), registerOptions);
    } catch {
      // Without the loader hook CommonJS instrumentation still works; nothing to report.
    }
    pending.startNow();
  } else {
    pending?.arm();
  }
}
