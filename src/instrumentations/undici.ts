import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import type * as UndiciModule from '@opentelemetry/instrumentation-undici';
import type { InstrumentationContext } from './instrumentation-context';
import { registerLateSubscriber } from './late-subscribers';

/** instrumentation-undici's handler of `undici:request:create` (a private method of 0.33.x). */
interface RequestCreatedHandler {
  onRequestCreated?: (message: unknown) => void;
}

/** fetch and undici, through undici's diagnostics channels (no module patching, works under ESM). */
export function createUndiciInstrumentation(ctx: InstrumentationContext): InstrumentationBase {
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof UndiciModule;
  const instrumentation = new UndiciInstrumentation({
    ignoreRequestHook: (request) => {
      try {
        const origin = new URL(request.origin);
        return ctx.isOwnTraffic(origin.hostname, origin.port || (origin.protocol === 'https:' ? 443 : 80));
      } catch {
        return false;
      }
    },
  });
  // The fetch that made the agent load on first use was published before the instrumentation
  // subscribed: it is handed over here, so that fetch has its span too.
  const handler = instrumentation as unknown as RequestCreatedHandler;
  registerLateSubscriber('undici:request:create', (message) => {
    if (instrumentation.isEnabled() && typeof handler.onRequestCreated === 'function') handler.onRequestCreated(message);
  });
  return instrumentation;
}
