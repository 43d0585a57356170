// `node --require @ezlogs/node/register app.cjs`: the CommonJS-only way in.
import { shouldStart } from './should-start';

if (shouldStart()) {
  try {
    // Also hook ESM packages the CommonJS app may import() later.
    const { register } = require('node:module') as typeof import('node:module');
    const { pathToFileURL } = require('node:url') as typeof import('node:url');
    const { createAddHookMessageChannel } = require('import-in-the-middle') as typeof import('import-in-the-middle');
    const { registerOptions } = createAddHookMessageChannel();
    register('import-in-the-middle/hook.mjs', pathToFileURL(__filename), registerOptions);
  } catch {
    // Without the loader hook CommonJS instrumentation still works; nothing to report.
  }
  const { start } = require('../agent') as typeof import('../agent');
  void start();
}
