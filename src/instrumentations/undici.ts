import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import type * as UndiciModule from '@opentelemetry/instrumentation-undici';
import type { InstrumentationContext } from './instrumentation-context';

/** fetch and undici, through undici's diagnostics channels (no module patching, works under ESM). */
export function createUndiciInstrumentation(ctx: InstrumentationContext): InstrumentationBase {
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof UndiciModule;
  return new UndiciInstrumentation({
    ignoreRequestHook: (request) => {
      try {
        const origin = new URL(request.origin);
        return ctx.isOwnTraffic(origin.hostname, origin.port || (origin.protocol === 'https:' ? 443 : 80));
      } catch {
        return false;
      }
    },
  });
}
